import { serve } from "@hono/node-server";
import { getConnInfo } from "@hono/node-server/conninfo";
import { createNodeWebSocket } from "@hono/node-ws";
import type { Hono } from "hono";
import { portablePasswords } from "../accounts/passwords.ts";
import { createApp } from "../app.tsx";
import { openSqlite } from "../store/drivers/node.ts";
import { serveStatic } from "./disk-static.ts";
import { drain } from "./drain.ts";
import { openSockets } from "./open-sockets.ts";
import { createSocketSetFanout } from "./socket-set-fanout.ts";
import { openParts, runMain } from "./start.ts";

/** Node entry: SQLite through better-sqlite3, sockets through @hono/node-ws (ws). */
async function main() {
  const { config, deps, close, version } = await openParts(openSqlite);
  const sockets = openSockets();

  // The upgrade helper needs the app, and the app needs the helper: it is handed a late-bound one.
  let routable: Routable | undefined;
  const { injectWebSocket, upgradeWebSocket } = createNodeWebSocket({ app: withHostUrls(() => routable) });
  const app = createApp({
    ...deps,
    fanout: createSocketSetFanout(),
    passwords: portablePasswords,
    upgradeWebSocket: sockets.track(upgradeWebSocket),
    serveStatic,
    remoteAddress: (c) => getConnInfo(c).remote.address,
  });
  routable = app;

  const server = serve({ fetch: app.fetch, port: config.PORT }, (info) =>
    console.log(`Parley ${version} (Node) listening on http://localhost:${info.port}`),
  );
  injectWebSocket(server);

  const stopAccepting = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Keep-alive connections with no request in flight would hold close() open.
      if ("closeIdleConnections" in server) server.closeIdleConnections();
    });
  const stop = async () => {
    await drain({ stopAccepting, sockets, close });
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

/**
 * @hono/node-ws builds each upgrade's URL on http://localhost whatever the Host header says,
 * which would make every browser's Origin look foreign; rebuild it from Host, as HTTP requests are.
 */
type Routable = Pick<Hono, "request">;

function withHostUrls(app: () => Routable | undefined): Hono {
  const request = (url: URL, init: RequestInit, env: unknown) => {
    const host = new Headers(init.headers).get("host") ?? url.host;
    return (app() as Routable).request(new URL(`${url.pathname}${url.search}`, `${url.protocol}//${host}`), init, env);
  };
  return { request } as unknown as Hono;
}

runMain(main);
