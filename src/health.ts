import { Hono } from "hono";
import type { AppEnv, Deps } from "./app-env.ts";

/**
 * GET /healthz: whether the database reads and writes and the bus flows, for load balancers
 * and people. A database that cannot write is a 503: this instance cannot store messages.
 */
export function healthRoutes(deps: Deps) {
  return new Hono<AppEnv>().get("/healthz", async (c) => {
    const db = await deps.store.check(deps.now());
    const bus = deps.bus.status();
    const status = db === "down" ? "down" : db === "up" && bus === "up" ? "ok" : "degraded";
    const uptime = Math.round((deps.now().getTime() - deps.startedAt.getTime()) / 1000);
    return c.json({ status, db, bus, version: deps.version, uptime }, db === "up" ? 200 : 503);
  });
}
