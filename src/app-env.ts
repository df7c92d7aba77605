import type { Context, Handler } from "hono";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { UpgradeWebSocket } from "hono/ws";
import type { Paths } from "../views/paths.ts";
import type { PageLayout } from "../views/site.ts";
import type { Passwords } from "./accounts/passwords.ts";
import type { Bus } from "./bus/bus.ts";
import type { RedisFaults } from "./bus/redis-faults.ts";
import type { Config } from "./config.ts";
import type { LocalFanout } from "./delivery/local-fanout.ts";
import type { FileFolder } from "./files/file-folder.ts";
import type { Limiter } from "./limits/limiter.ts";
import type { PresenceStore } from "./live/presence-store.ts";
import type { Log } from "./logs/logger.ts";
import type { Metrics } from "./metrics/metrics.ts";
import type { PushOutcome } from "./push/notifier.ts";
import type { Readiness } from "./readiness.ts";
import type { MessageHooks } from "./rooms/messages.ts";
import type { SendPlaces } from "./rooms/send-places.ts";
import type { User } from "./store/records.ts";
import type { Store } from "./store/store.ts";

/** What the app needs from the outside world; each runtime entry builds one. */
export interface Deps {
  config: Config;
  /**
   * Where the host mounts the app (`host.route(basePath, app)`): "" (the default) when Parley owns
   * the site, else like "/chat". Routes stay the same; only the addresses Parley writes change.
   */
  basePath?: string;
  store: Store;
  /** Where uploaded images' bytes live: `DATA_DIR/files`, or a bucket with the S3_* settings. */
  files: FileFolder;
  bus: Bus;
  fanout: LocalFanout;
  /** Who is in which room, on every instance (in memory alone, or shared through Redis). */
  presence: PresenceStore;
  /** Rate limits: this process's, or shared through Redis (src/limits/). */
  limiter: Limiter;
  /** What Redis refuses presence and the limits (an ACL, say): /healthz names it. None without Redis. */
  redisFaults?: Pick<RedisFaults, "refused">;
  /** Places for sends in flight (load shedding); by default src/rooms/send-places.ts's (tests may bring their own). */
  sendPlaces?: SendPlaces;
  passwords: Passwords;
  /**
   * Web Push as tests drive it: `insecureEndpoints` lets a subscription name a plain-http push
   * service (a local one), `settled` hears when each message's pushes are done. Unset in use.
   */
  push?: { insecureEndpoints?: boolean; settled?: (outcome: PushOutcome) => void };
  /**
   * The host app's signed-in person as a Parley user (the kit's `identify`), or null for a
   * visitor it does not know. Absent: Parley keeps its own accounts (sign-up, log-in, sessions).
   */
  identify?: (c: Context) => Promise<User | null>;
  /** Where a page sends a visitor `identify` does not know; with `identify` only. */
  signInUrl?: string;
  /** The host app's say around each message (the kit's beforeMessage and afterMessage). */
  hooks?: MessageHooks;
  /** A host app's page around Parley's, and its stylesheets after Parley's (the kit's theming). */
  layout?: PageLayout;
  stylesheets?: string[];
  // biome-ignore lint/suspicious/noExplicitAny: each runtime's adapter has its own option type
  upgradeWebSocket: UpgradeWebSocket<any, any>;
  /** `GET /static/:file`: embedded in the binary on Bun, read from the checkout elsewhere. */
  serveStatic: Handler;
  /** The peer address of the request's connection as the runtime sees it (per-IP throttles). */
  remoteAddress: (c: Context) => string | undefined;
  version: string;
  startedAt: Date;
  now: () => Date;
  /** Where Parley's lines go (pino); unset: warnings and errors on standard output. */
  log?: Log;
  /** This app's metrics (one registry per app); unset: counted all the same, for nobody. */
  metrics?: Metrics;
  /** Whether to send this instance traffic (/readyz); unset: ready once built. */
  readiness?: Pick<Readiness, "state">;
}

export interface AppEnv {
  Variables: {
    /** Where a visitor signs in: Parley's log-in page, or the host app's (the kit's signInUrl). */
    signInUrl: string;
    user: User | null;
    /**
     * The session's stored id (the cookie's digest), or null without one (or with a bearer
     * token); `host:<user id>` for a person the host app identified (src/kit/).
     */
    session: string | null;
    /** The addresses of this app, under its base path: set first, for every route. */
    paths: Paths;
    /** Set under the answersJson middleware (/api, /healthz): errors there are JSON. */
    answersJson?: boolean;
    /** Set under the framable middleware (embeds): no X-Frame-Options. */
    framable?: boolean;
    /** Set for an administrator of this Parley (src/admin/): the header links /admin. */
    administrator?: boolean;
    /** Set by the first body limit that applies to the request. */
    bodyLimited?: boolean;
    /** The request's id (X-Request-Id), on every line logged about it. */
    requestId: string;
    /** Where the request's lines go (src/logs/request-log.ts). */
    log: Log;
  };
}

declare module "hono" {
  /** `c.render(<Page/>, status)`: a page with the app's paths (src/app.tsx sets the renderer). */
  interface ContextRenderer {
    // biome-ignore lint/style/useShorthandFunctionType: an interface, to merge with hono's own
    (content: Child, status?: ContentfulStatusCode): Response | Promise<Response>;
  }
}
