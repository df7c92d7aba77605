import { Hono } from "hono";
import { getConnInfo } from "hono/bun";
import { createApp } from "../../src/app.tsx";
import { createBunFanout } from "../../src/runtime/bun-fanout.ts";
import { bunPasswords } from "../../src/runtime/bun-passwords.ts";
import { serveStatic } from "../../src/runtime/bun-static.ts";
import { upgradeWebSocket, websocket } from "../../src/runtime/bun-websocket.ts";
import { openParts } from "../../src/runtime/start.ts";
import { openSqlite } from "../../src/store/drivers/bun.ts";

/**
 * Another site's server on Bun with Parley mounted at BASE_PATH (/chat unless told), the way a
 * kit user mounts it: the host keeps "/" and everything outside the base for itself.
 */
const basePath = process.env.BASE_PATH ?? "/chat";
const { deps } = await openParts(openSqlite);
let server: Bun.Server<unknown> | undefined;
const parley = createApp({
  ...deps,
  basePath,
  fanout: createBunFanout(() => server),
  passwords: bunPasswords,
  upgradeWebSocket,
  serveStatic,
  remoteAddress: (c) => getConnInfo(c).remote.address,
});
const host = new Hono();
host.get("/", (c) => c.html("<!DOCTYPE html><title>The host</title><p>The host's own home page.</p>"));
host.route(basePath, parley);
server = Bun.serve({ port: Number(process.env.PORT ?? 0), fetch: host.fetch, websocket });
console.log(`host with Parley at ${basePath} listening on http://localhost:${server.port}`);
process.once("SIGTERM", () => process.exit(0));
