import type { ServerWebSocket } from "bun";
import { Hono } from "hono";
import { upgradeWebSocket, websocket } from "hono/bun";
import { createApp } from "../app.tsx";
import type { LocalFanout } from "../bus/local-fanout.ts";
import { openSqlite } from "../store/drivers/bun.ts";
import { bunPasswords } from "./bun-passwords.ts";
import { serveStatic } from "./bun-static.ts";
import { openParts, runMain } from "./start.ts";

/** Bun entry: SQLite through bun:sqlite, sockets fanned out by Bun's native pub/sub. */
async function main() {
  const { config, deps, close, version } = await openParts(openSqlite);

  let server: Bun.Server<unknown> | undefined;
  const socket = (ws: { raw?: unknown }) => ws.raw as ServerWebSocket<unknown>;
  const fanout: LocalFanout = {
    subscribe: (ws, topic) => socket(ws).subscribe(topic),
    unsubscribe: (ws, topic) => {
      if (socket(ws).readyState === 1) socket(ws).unsubscribe(topic);
    },
    publish: (topic, payload) => void server?.publish(topic, payload),
  };

  const app = createApp({
    ...deps,
    fanout,
    passwords: bunPasswords,
    upgradeWebSocket,
  });
  const root = new Hono().get("/static/:file", serveStatic).route("/", app);

  server = Bun.serve({
    port: config.PORT,
    fetch: root.fetch,
    websocket: { ...websocket, maxPayloadLength: 1024 * 1024, idleTimeout: 120 },
  });
  console.log(`Parley ${version} listening on http://localhost:${server.port}`);

  const stop = async () => {
    // Force: open sockets would otherwise hold the process; clients reconnect and catch up.
    await server?.stop(true);
    await close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

runMain(main);
