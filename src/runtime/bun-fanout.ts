import type { Server, ServerWebSocket } from "bun";
import type { LocalFanout } from "../delivery/local-fanout.ts";

const socket = (ws: { raw?: unknown }) => ws.raw as ServerWebSocket<unknown>;

/**
 * Bun's native pub/sub: one `server.publish` per fragment reaches every subscribed socket
 * in native code, never a loop in JavaScript. The server starts after the app is built (the
 * app is its fetch handler), so it is looked up at each publish.
 */
export function createBunFanout(server: () => Server<unknown> | undefined): LocalFanout {
  return {
    subscribe: (ws, topic) => socket(ws).subscribe(topic),
    unsubscribe: (ws, topic) => {
      // Bun forgets a closed socket's topics by itself, and refuses calls on it.
      if (socket(ws).readyState === 1) socket(ws).unsubscribe(topic);
    },
    publish(topic, payload) {
      const running = server();
      if (!running) return 0;
      // Counted before: one native call per frame, not per socket. A socket past its limit is
      // closed by Bun rather than skipped (closeOnBackpressureLimit), so the count holds.
      const reached = running.subscriberCount(topic);
      running.publish(topic, payload);
      return reached;
    },
  };
}
