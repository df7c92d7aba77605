import type { WSContext } from "hono/ws";
import { closeCodes } from "../delivery/close-codes.ts";
import type { LocalFanout } from "../delivery/local-fanout.ts";
import { socketLimits } from "../delivery/socket-limits.ts";

/** Bytes queued on the socket: \`ws\`'s and Deno's WebSocket both say \`bufferedAmount\`. */
const buffered = (ws: WSContext) => (ws.raw as { bufferedAmount?: number } | undefined)?.bufferedAmount ?? 0;

/**
 * How a runtime writes one published payload to many sockets: `encode` once per publish,
 * `write` once per socket (ws-text-frames.ts prepares the WebSocket frame itself for Node).
 */
export interface FrameWriter<Frame> {
  encode(payload: string): Frame;
  write(ws: WSContext, frame: Frame, payload: string): void;
}

/** Each socket's own `send`: what a runtime with no cheaper way does (Deno). */
export const sendEach: FrameWriter<string> = {
  encode: (payload) => payload,
  write: (ws, payload) => ws.send(payload),
};

/**
 * Fan-out for runtimes without native pub/sub (Node, Deno): a set of sockets per topic and a
 * loop. Sockets are keyed by their raw socket, since an adapter may hand out a new context
 * per event. Bun never uses this: it has ServerWebSocket.subscribe.
 */
export function createSocketSetFanout<Frame = string>(
  writer: FrameWriter<Frame> = sendEach as unknown as FrameWriter<Frame>,
): LocalFanout {
  const topics = new Map<string, Map<unknown, WSContext>>();
  return {
    subscribe(ws, topic) {
      const subscribers = topics.get(topic) ?? new Map<unknown, WSContext>();
      subscribers.set(ws.raw ?? ws, ws);
      topics.set(topic, subscribers);
    },
    unsubscribe(ws, topic) {
      const subscribers = topics.get(topic);
      subscribers?.delete(ws.raw ?? ws);
      if (subscribers?.size === 0) topics.delete(topic);
    },
    publish(topic, payload) {
      const subscribers = topics.get(topic);
      if (!subscribers) return 0;
      let reached = 0;
      let frame: Frame | undefined;
      for (const ws of subscribers.values()) {
        // A socket closing mid-loop must not keep the fragment from the rest of the room.
        if (ws.readyState !== 1) continue;
        // A reader too slow for its room is closed, not skipped: it reconnects and catches up.
        if (buffered(ws) > socketLimits.bufferedBytes) ws.close(closeCodes.tooSlow, "too slow: reconnect");
        else {
          frame ??= writer.encode(payload);
          writer.write(ws, frame, payload);
          reached++;
        }
      }
      return reached;
    },
  };
}
