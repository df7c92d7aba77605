import { createMiddleware } from "hono/factory";
import { requestId } from "hono/request-id";
import { routePath } from "hono/route";
import type { AppEnv } from "../app-env.ts";
import type { Log } from "./logger.ts";

/** Probes ask every few seconds: their lines would drown the rest, so they are debug lines, whatever they answer. */
const probes = new Set(["healthz", "readyz", "metrics"]);

/**
 * Every request gets an id (the proxy's X-Request-Id if it sent a sane one, else a new UUID,
 * echoed in the answer) and one line once it is answered. The line names the route as written
 * (`/invites/:code`), never the path: an invite code or a token in a path is a key, and the
 * query string is left out for the same reason (an embed's `?token=`).
 */
export function requestLog(log: Log) {
  const ids = requestId();
  const lines = createMiddleware<AppEnv>(async (c, next) => {
    const started = performance.now();
    c.set("log", log);
    await next();
    const route = routePath(c);
    // A probe's 503 is its answer (starting, draining, degraded), not a failure of the request.
    // Under a host's mount the route is "/chat/healthz": the probe is its last step.
    const level = probes.has(route.slice(route.lastIndexOf("/") + 1))
      ? "debug"
      : c.res.status >= 500
        ? "error"
        : "info";
    if (!log.isLevelEnabled(level)) return;
    log[level](
      {
        requestId: c.var.requestId,
        method: c.req.method,
        route,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        ...(c.var.user ? { user: c.var.user.id } : {}),
      },
      "request",
    );
  });
  return [ids, lines] as const;
}
