import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { ServerWebSocket } from "bun";
import { Hono } from "hono";
import { upgradeWebSocket, websocket } from "hono/bun";
import pkg from "../../package.json" with { type: "json" };
import { createApp } from "../app.tsx";
import { createBus } from "../bus/from-config.ts";
import type { LocalFanout } from "../bus/local-fanout.ts";
import { ConfigError } from "../config.ts";
import { openSqlite } from "../store/drivers/bun.ts";
import { bunPasswords } from "./bun-passwords.ts";
import { serveStatic } from "./bun-static.ts";
import { readSettings, runMain } from "./start.ts";

/** Bun entry: SQLite through bun:sqlite, sockets fanned out by Bun's native pub/sub. */
async function main() {
  const config = readSettings(pkg.version);
  if (config.DATABASE_URL?.startsWith("postgres"))
    throw new ConfigError("DATABASE_URL: PostgreSQL is not supported yet; leave it unset to use SQLite in DATA_DIR.");

  mkdirSync(config.DATA_DIR, { recursive: true });
  const store = await openSqlite(join(config.DATA_DIR, "parley.db"));
  const bus = createBus(config);

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
    config,
    store,
    bus,
    fanout,
    passwords: bunPasswords,
    upgradeWebSocket,
    version: pkg.version,
    startedAt: new Date(),
    now: () => new Date(),
  });
  const root = new Hono().get("/static/:file", serveStatic).route("/", app);

  server = Bun.serve({
    port: config.PORT,
    fetch: root.fetch,
    websocket: { ...websocket, maxPayloadLength: 1024 * 1024, idleTimeout: 120 },
  });
  console.log(`Parley ${pkg.version} listening on http://localhost:${server.port}`);

  const stop = async () => {
    // Force: open sockets would otherwise hold the process; clients reconnect and catch up.
    await server?.stop(true);
    await bus.close();
    await store.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

runMain(main);
