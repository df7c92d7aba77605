import { timingSafeEqual } from "node:crypto";
import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";
import type { Metrics } from "./metrics.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

/**
 * Whether the request carries `Authorization: Bearer <token>`, compared in constant time (a
 * digest-free compare of equal lengths; a different length is refused before comparing, which
 * says only the token's length, not its bytes).
 */
function bears(header: string | undefined, token: Uint8Array): boolean {
  const match = /^Bearer (.+)$/i.exec(header ?? "");
  if (!match?.[1]) return false;
  const given = bytes(match[1]);
  return given.length === token.length && timingSafeEqual(given, token);
}

/**
 * GET /metrics: Prometheus text for whoever holds METRICS_TOKEN. Without the token the route
 * answers as an unknown address does (404), not 401: a scan learns nothing of whether metrics
 * are on, and a person who pastes the address sees the same page as for any typo. Prometheus
 * shows the 404 as a failed scrape, which is the alert an operator needs.
 */
export function metricsRoutes(metrics: Metrics, token: string) {
  const expected = bytes(token);
  metrics.measureRuntime();
  return new Hono<AppEnv>().get("/metrics", async (c, next) => {
    if (!bears(c.req.header("authorization"), expected)) return next();
    const { text, contentType } = await metrics.scrape();
    c.header("Cache-Control", "no-store");
    return c.body(text, 200, { "Content-Type": contentType });
  });
}
