import { Hono } from "hono";
import type { AppEnv, Deps } from "./app-env.ts";
import type { StorageWatch } from "./storage-watch.ts";

/**
 * GET /healthz: whether the database reads and writes and the bus flows, for load balancers
 * and people. A database that cannot write is a 503: this instance cannot store messages. A
 * write that just failed for want of room says so at once (`watch`), whatever the probe finds;
 * a full files' disk is "degraded" but 200: text messages still go through.
 */
export function healthRoutes(deps: Deps, watch?: Pick<StorageWatch, "failing">) {
  return new Hono<AppEnv>().get("/healthz", async (c) => {
    const probed = await deps.store.check(deps.now());
    const db = probed === "up" && watch?.failing("db") ? "read-only" : probed;
    const files = watch?.failing("files") ? "full" : "up";
    const bus = deps.bus.status();
    const status = db === "down" ? "down" : db === "up" && bus === "up" && files === "up" ? "ok" : "degraded";
    const uptime = Math.round((deps.now().getTime() - deps.startedAt.getTime()) / 1000);
    return c.json({ status, db, files, bus, version: deps.version, uptime }, db === "up" ? 200 : 503);
  });
}
