import { Hono } from "hono";
import { createParley } from "../../src/runtime/bun-kit.ts";

/**
 * Another site's server on Bun with Parley mounted at BASE_PATH (/chat unless told), the way a
 * kit user mounts it: the host keeps "/" and everything outside the base for itself. Parley
 * keeps its own accounts here (no identify).
 */
const basePath = process.env.BASE_PATH ?? "/chat";
const parley = await createParley({ basePath, dataDir: process.env.DATA_DIR, rateLimit: false, logLevel: "warn" });
const host = new Hono();
host.get("/", (c) => c.html("<!DOCTYPE html><title>The host</title><p>The host's own home page.</p>"));
host.route(basePath, parley.app);
const server = Bun.serve({ port: Number(process.env.PORT ?? 0), fetch: host.fetch, websocket: parley.websocket });
console.log(`host with Parley at ${basePath} listening on http://localhost:${server.port}`);
process.once("SIGTERM", () => parley.close().then(() => process.exit(0)));
