import { Hono } from "hono";
import type { AppEnv } from "./app-env.ts";

export type ReadyState = "starting" | "ready" | "draining";

/**
 * Whether this instance should be sent traffic: "starting" until its parts are open and the app
 * is built, "ready", then "draining" from the moment a shutdown begins, for good. Kept apart from
 * /healthz (liveness): a draining instance is alive and finishing its work, not to be restarted.
 */
export function createReadiness() {
  let state: ReadyState = "starting";
  return {
    state: () => state,
    ready() {
      if (state === "starting") state = "ready";
    },
    drain() {
      state = "draining";
    },
  };
}

export type Readiness = ReturnType<typeof createReadiness>;

/** GET /readyz: 200 `{"status":"ready"}`, else 503 with "starting" or "draining", for a load balancer. */
export function readinessRoutes(readiness: Pick<Readiness, "state">) {
  return new Hono<AppEnv>().get("/readyz", (c) => {
    const status = readiness.state();
    c.header("Cache-Control", "no-store");
    return c.json({ status }, status === "ready" ? 200 : 503);
  });
}
