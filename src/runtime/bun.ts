import { getConnInfo } from "hono/bun";
import { createApp } from "../app.tsx";
import { socketLimits } from "../delivery/socket-limits.ts";
import { openSqlite } from "../store/drivers/bun.ts";
import { createBunFanout } from "./bun-fanout.ts";
import { bunPasswords } from "./bun-passwords.ts";
import { serveStatic } from "./bun-static.ts";
import { upgradeWebSocket, websocket } from "./bun-websocket.ts";
import { drain } from "./drain.ts";
import { openSockets } from "./open-sockets.ts";
import { openParts, runMain } from "./start.ts";

/** Bun entry: SQLite through bun:sqlite, sockets fanned out by Bun's native pub/sub. */
async function main() {
  const { config, deps, close, version } = await openParts(openSqlite);
  const sockets = openSockets();

  let server: Bun.Server<unknown> | undefined;
  const app = createApp({
    ...deps,
    fanout: createBunFanout(() => server),
    passwords: bunPasswords,
    upgradeWebSocket: sockets.track(upgradeWebSocket),
    serveStatic,
    // Bun hands the server to fetch as its second argument; hono reads the peer address from it.
    remoteAddress: (c) => getConnInfo(c).remote.address,
  });

  server = Bun.serve({
    port: config.PORT,
    fetch: app.fetch,
    websocket: {
      ...websocket,
      maxPayloadLength: 1024 * 1024,
      idleTimeout: 120,
      // Past the bound Bun would drop fragments and keep the socket open: a silent hole. Closed,
      // the page reconnects and catches up from the newest message it shows.
      backpressureLimit: socketLimits.bufferedBytes,
      closeOnBackpressureLimit: true,
    },
  });
  console.log(`Parley ${version} listening on http://localhost:${server.port}`);

  const stop = async () => {
    await drain({ stopAccepting: () => server?.stop() ?? Promise.resolve(), sockets, close });
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

runMain(main);
