import type { WSContext } from "hono/ws";

/**
 * The last hop: delivery to this instance's own sockets, by topic. Each runtime supplies one
 * (src/runtime/bun-fanout.ts: Bun's native pub/sub, never a loop in JavaScript;
 * src/runtime/socket-set-fanout.ts: Node and Deno).
 */
export interface LocalFanout {
  subscribe(ws: WSContext, topic: string): void;
  unsubscribe(ws: WSContext, topic: string): void;
  /** Returns how many sockets it reached (what the metrics count as deliveries). */
  publish(topic: string, payload: string): number;
}
