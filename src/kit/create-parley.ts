import type { Context, Handler, Hono } from "hono";
import type { UpgradeWebSocket } from "hono/ws";
import pkg from "../../package.json" with { type: "json" };
import { pathsUnder } from "../../views/paths.ts";
import { hostPeople } from "../accounts/host-people.ts";
import type { Passwords } from "../accounts/passwords.ts";
import { createChat } from "../app.tsx";
import type { AppEnv, Deps } from "../app-env.ts";
import { ConfigError } from "../config.ts";
import { createLogger, linesTo } from "../logs/logger.ts";
import { createMetrics } from "../metrics/metrics.ts";
import { createReadiness } from "../readiness.ts";
import { post } from "../rooms/messages.ts";
import type { User } from "../store/records.ts";
import { messageHooks, postedMessage } from "./message-hooks.ts";
import { type OpenSqlite, openParts } from "./open-parts.ts";
import { createOpenSockets } from "./open-sockets.ts";
import type { ParleyOptions, Person, PostedMessage } from "./options.ts";
import { problemsOf, settingsOf } from "./settings.ts";

/** What a runtime brings to the kit (src/runtime/*-kit.ts): the only parts that differ between Bun, Node and Deno. */
export interface KitRuntime {
  openSqlite: OpenSqlite;
  /** Delivery to this process's sockets: Bun's native pub/sub, or a set per topic. */
  fanout: Deps["fanout"];
  passwords: Passwords;
  // biome-ignore lint/suspicious/noExplicitAny: each runtime's adapter has its own option type
  upgradeWebSocket: UpgradeWebSocket<any, any>;
  serveStatic: Handler;
  remoteAddress: (c: Context) => string | undefined;
}

/** What `createParley` gives the host app. */
export interface Parley {
  /** Pages, fragments, sockets, the JSON API, embeds and static files: mount with `app.route(basePath, parley.app)`. */
  app: Hono<AppEnv>;
  /** Posts as `person` (the host's id and name), live to every page in the room; resolves to the stored message. */
  post(room: string, person: Person, body: string): Promise<PostedMessage>;
  /** Closes every socket (1001: pages reconnect elsewhere), stops the timers, then the bus and the store. */
  close(): Promise<void>;
}

/** Thrown by `post` when the room does not exist or the message is refused; `status` as the API would answer. */
export class ParleyError extends Error {
  override name = "ParleyError";
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** The options' settings, or a ConfigError naming every bad option at once. */
function checkedOptions(options: ParleyOptions) {
  const problems = problemsOf(options, [checkSignIn, checkBasePath]);
  if (problems.length) throw new ConfigError(`Invalid Parley options:\n  ${problems.join("\n  ")}`);
  return settingsOf(options);
}

/** What is wrong with the sign-in page's address, if anything: a path of the host's, or an http(s) URL. */
function checkSignIn({ identify, signInUrl }: ParleyOptions): string | undefined {
  const problem = (text: string) => `signInUrl: ${text}`;
  if (!identify)
    return signInUrl === undefined
      ? undefined
      : problem("only with identify (Parley's own accounts sign in at its /login)");
  if (!signInUrl) return problem("required with identify (where visitors sign in)");
  const path = signInUrl.startsWith("/") && !signInUrl.startsWith("//");
  if (!path && !/^https?:\/\//.test(signInUrl))
    return problem(`must be a path like "/sign-in" or an http(s) URL (got ${JSON.stringify(signInUrl)})`);
  if (/[\s\\]/.test(signInUrl)) return problem("must not hold spaces or backslashes");
  return undefined;
}

/** What is wrong with basePath, if anything (views/paths.ts says what a base may be). */
function checkBasePath({ basePath = "" }: ParleyOptions): string | undefined {
  try {
    pathsUnder(basePath);
    return undefined;
  } catch (error) {
    return (error as Error).message.replace(/^basePath /, "basePath: ");
  }
}

/**
 * The kit on a given runtime: settings from the options (never the environment), the database
 * and bus opened, the app built. The standalone server is one caller; a host app is another.
 */
export async function createParleyOn(runtime: KitRuntime, options: ParleyOptions = {}) {
  const config = checkedOptions(options);
  const log = options.logger ?? createLogger(config.LOG_LEVEL);
  const metrics = createMetrics();
  const readiness = createReadiness();
  const parts = await openParts(config, runtime.openSqlite, pkg.version, { log, metrics });
  const openSockets = createOpenSockets(log);
  metrics.watch({ sockets: () => openSockets.size });
  // Told of renames once the app (and its profile changes) exists.
  let renamed = (_user: User): void => {};
  const people = hostPeople(parts.deps.store.users, (user) => renamed(user));
  const { identify } = options;
  const hooks = messageHooks(options, people, linesTo(log, "error"));
  const built = createChat({
    ...parts.deps,
    fanout: runtime.fanout,
    passwords: runtime.passwords,
    upgradeWebSocket: openSockets.track(runtime.upgradeWebSocket),
    serveStatic: runtime.serveStatic,
    remoteAddress: runtime.remoteAddress,
    basePath: options.basePath ?? "",
    identify: identify
      ? async (c) => {
          const person = await identify(c);
          return person ? people.userOf(person) : null;
        }
      : undefined,
    signInUrl: options.signInUrl,
    hooks,
    layout: options.layout,
    stylesheets: options.stylesheets,
    readiness,
    log,
    metrics,
  });
  renamed = (user) => built.chat.profiles.announce(user);
  // Server code is the host itself: no rate limit, no beforeMessage; afterMessage still hears it.
  const serverPosting = { ...built.chat, rateLimit: null, sendPlaces: undefined, hooks: { stored: hooks.stored } };

  let closing: Promise<void> | undefined;
  // Every part is open (the bus connected, or given its moment) and the app built: send traffic.
  readiness.ready();
  const parley = {
    app: built.app,
    config,
    log,
    /** Says "draining" on /readyz from now on: the first step of a shutdown, before any socket closes. */
    drain: () => readiness.drain(),
    /** Every open socket: the standalone server closes them before it stops listening. */
    openSockets,
    async post(slug: string, person: Person, body: string): Promise<PostedMessage> {
      const room = await parts.deps.store.rooms.findBySlug(slug);
      if (!room) throw new ParleyError(`No room "${slug}".`, 404);
      const author = await people.userOf(person);
      const result = await post(serverPosting, room, author, { body, key: null });
      if (!result.ok) throw new ParleyError(result.error, result.status);
      return postedMessage(room, result.message, people);
    },
    close(): Promise<void> {
      closing ??= (async () => {
        readiness.drain();
        await openSockets.closeAll(1001, "going away");
        built.stop();
        metrics.stop();
        await parts.close();
      })();
      return closing;
    },
  };
  return parley satisfies Parley;
}
