import { Hono } from "hono";
import type { AppEnv, Deps } from "./app-env.ts";

/**
 * GET /healthz: whether the database reads and writes and the bus flows, for load balancers
 * and people; `refused` names what Redis refuses Parley's other parts. A database that cannot
 * write is a 503: this instance cannot store messages.
 */
export function healthRoutes(deps: Deps) {
  return new Hono<AppEnv>().get("/healthz", async (c) => {
    const db = await deps.store.check(deps.now());
    const bus = deps.bus.status();
    // Commands Redis refuses presence or the limits (an ACL without them): each part keeps to
    // this instance meanwhile, which must not pass for health.
    const refused = deps.redisFaults?.refused() ?? [];
    const whole = db === "up" && bus === "up" && refused.length === 0;
    const status = db === "down" ? "down" : whole ? "ok" : "degraded";
    const uptime = Math.round((deps.now().getTime() - deps.startedAt.getTime()) / 1000);
    const report = { status, db, bus, ...(refused.length ? { refused } : {}), version: deps.version, uptime };
    return c.json(report, db === "up" ? 200 : 503);
  });
}
