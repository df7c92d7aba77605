import { getConnInfo } from "@hono/node-server/conninfo";
import { createNodeWebSocket } from "@hono/node-ws";
import { Hono } from "hono";
import { createParleyOn, type Parley } from "../kit/create-parley.ts";
import type { ParleyOptions } from "../kit/options.ts";
import { openSqlite } from "../store/drivers/node.ts";
import { portableRuntime } from "./portable-runtime.ts";
import { wsTextFrames } from "./ws-text-frames.ts";

export * from "../kit/public.ts";

/**
 * Parley for a Node host: `app.route(basePath, parley.app)`, `serve({ fetch: app.fetch })`
 * from @hono/node-server, then `parley.injectWebSocket(server)`: Node hands socket upgrades to
 * a listener of their own, not to fetch. SQLite through better-sqlite3.
 */
export async function createParley(options: ParleyOptions = {}) {
  const { app, injectWebSocket, post, close } = await parleyOnNode(options);
  return { app, injectWebSocket, post, close } satisfies Parley & { injectWebSocket: unknown };
}

/** The kit on Node with what the standalone server needs besides (its sockets, to close before it stops listening). */
export async function parleyOnNode(options: ParleyOptions) {
  // The upgrade helper needs the app, and the app needs the helper: it is handed a late-bound one.
  let routable: Hono | undefined;
  const { injectWebSocket, upgradeWebSocket } = createNodeWebSocket({ app: withHostUrls(() => routable) });
  const parley = await createParleyOn(
    portableRuntime({
      openSqlite,
      upgradeWebSocket,
      remoteAddress: (c) => getConnInfo(c).remote.address,
      frames: wsTextFrames,
    }),
    options,
  );
  // Upgrades arrive with the whole path the browser asked for: mounted as the host mounts it.
  routable = new Hono().route(options.basePath || "/", parley.app);
  /** Answers the socket upgrades under basePath on the host's server (any other upgrade is refused). */
  const injectWebSocketInto = (server: Parameters<typeof injectWebSocket>[0]) => injectWebSocket(server);
  return { ...parley, injectWebSocket: injectWebSocketInto };
}

/**
 * @hono/node-ws builds each upgrade's URL on http://localhost whatever the Host header says,
 * which would make every browser's Origin look foreign; rebuild it from Host, as HTTP requests are.
 */
function withHostUrls(app: () => Hono | undefined): Hono {
  const request = (url: URL, init: RequestInit, env: unknown) => {
    const host = new Headers(init.headers).get("host") ?? url.host;
    return (app() as Hono).request(new URL(`${url.pathname}${url.search}`, `${url.protocol}//${host}`), init, env);
  };
  return { request } as unknown as Hono;
}
