import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { Hono } from "hono";
import { upgradeWebSocket } from "hono/deno";
import pkg from "../../package.json" with { type: "json" };
import { portablePasswords } from "../accounts/passwords.ts";
import { createApp } from "../app.tsx";
import { createBus } from "../bus/from-config.ts";
import { createSocketSetFanout } from "../bus/socket-sets.ts";
import { ConfigError } from "../config.ts";
import { openSqlite } from "../store/drivers/deno.ts";
import { serveStatic } from "./disk-static.ts";
import { readSettings, runMain } from "./start.ts";

/** Deno entry: SQLite through node:sqlite (drizzle's proxy), sockets through Deno.upgradeWebSocket. */
async function main() {
  const config = readSettings(pkg.version);
  if (config.DATABASE_URL?.startsWith("postgres"))
    throw new ConfigError("DATABASE_URL: PostgreSQL is not supported yet; leave it unset to use SQLite in DATA_DIR.");

  mkdirSync(config.DATA_DIR, { recursive: true });
  const store = await openSqlite(join(config.DATA_DIR, "parley.db"));
  const bus = createBus(config);

  const app = createApp({
    config,
    store,
    bus,
    fanout: createSocketSetFanout(),
    passwords: portablePasswords,
    upgradeWebSocket,
    version: pkg.version,
    startedAt: new Date(),
    now: () => new Date(),
  });
  const root = new Hono().get("/static/:file", serveStatic).route("/", app);

  const server = Deno.serve(
    {
      port: config.PORT,
      onListen: ({ port }) => console.log(`Parley ${pkg.version} (Deno) listening on http://localhost:${port}`),
    },
    root.fetch,
  );

  const stop = async () => {
    // Open sockets would hold shutdown(); clients reconnect and catch up.
    void server.shutdown();
    await bus.close();
    await store.close();
    Deno.exit(0);
  };
  Deno.addSignalListener("SIGINT", stop);
  Deno.addSignalListener("SIGTERM", stop);
}

runMain(main);
