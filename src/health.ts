import { Hono } from "hono";
import type { AppEnv, Deps } from "./app-env.ts";
import type { StorageWatch } from "./storage-watch.ts";

/**
 * GET /healthz: whether the database reads and writes and the bus flows, for load balancers
 * and people; `refused` names what Redis refuses Parley's other parts. A database that cannot
 * write is a 503: this instance cannot store messages. A write that just failed for want of
 * room says so at once (`watch`), whatever the probe finds; a full files' disk is "degraded"
 * but 200: text messages still go through.
 */
export function healthRoutes(deps: Deps, watch?: Pick<StorageWatch, "failing">) {
  return new Hono<AppEnv>().get("/healthz", async (c) => {
    const probed = await deps.store.check(deps.now());
    const db = probed === "up" && watch?.failing("db") ? "read-only" : probed;
    const files = watch?.failing("files") ? "full" : "up";
    const bus = deps.bus.status();
    // Commands Redis refuses presence or the limits (an ACL without them): each part keeps to
    // this instance meanwhile, which must not pass for health.
    const refused = deps.redisFaults?.refused() ?? [];
    const whole = db === "up" && bus === "up" && files === "up" && refused.length === 0;
    const status = db === "down" ? "down" : whole ? "ok" : "degraded";
    const uptime = Math.round((deps.now().getTime() - deps.startedAt.getTime()) / 1000);
    const report = { status, db, files, bus, ...(refused.length ? { refused } : {}), version: deps.version, uptime };
    return c.json(report, db === "up" ? 200 : 503);
  });
}
