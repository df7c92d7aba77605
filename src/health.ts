import { Hono } from "hono";
import type { AppEnv, Deps } from "./app-env.ts";

/** GET /healthz: whether the database answers and the bus flows, for load balancers and people. */
export function healthRoutes(deps: Deps) {
  return new Hono<AppEnv>().get("/healthz", async (c) => {
    const db = await deps.store.ping().then(
      () => "up" as const,
      () => "down" as const,
    );
    const bus = deps.bus.status();
    const status = db === "up" && bus === "up" ? "ok" : db === "up" ? "degraded" : "down";
    const uptime = Math.round((deps.now().getTime() - deps.startedAt.getTime()) / 1000);
    return c.json({ status, db, bus, version: deps.version, uptime }, db === "up" ? 200 : 503);
  });
}
