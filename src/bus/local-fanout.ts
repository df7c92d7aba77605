import type { WSContext } from "hono/ws";

/**
 * Delivery to this instance's own sockets, by topic. On Bun it is the runtime's native
 * pub/sub (ServerWebSocket.subscribe / server.publish), never a loop in JavaScript.
 */
export interface LocalFanout {
  subscribe(ws: WSContext, topic: string): void;
  unsubscribe(ws: WSContext, topic: string): void;
  publish(topic: string, payload: string): void;
}
