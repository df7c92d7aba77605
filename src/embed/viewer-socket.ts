import type { WSContext } from "hono/ws";
import type { Deps } from "../app-env.ts";
import { catchUpFrames } from "../delivery/catch-up.tsx";
import type { Channels } from "../delivery/channels.ts";
import { roomTopic } from "../delivery/topics.ts";
import type { Room } from "../store/records.ts";

/**
 * A read-only embed's socket: the room's fragments (messages, who is here, the topic) and the
 * catch-up after `after`, nothing sent back. It has no session to count it or end it; it
 * carries nothing private (the embed's history is public to whoever may frame it).
 */
export function viewerSocket(deps: Deps, channels: Pick<Channels, "join" | "leave">, room: Room, after: number | null) {
  const topic = roomTopic(room);
  let joined: Promise<void> = Promise.resolve();
  return {
    onOpen(_event: Event, ws: WSContext) {
      joined = channels.join(ws, topic);
      joined
        .then(async () => {
          if (after === null) return;
          const severalInstances = deps.config.REDIS_URL !== undefined;
          for (const frame of await catchUpFrames(deps.store, room, after, { severalInstances })) ws.send(frame);
        })
        .catch((error) => console.error(`embed viewer ${room.slug}:`, error));
    },
    // A read-only page has no composer: whatever a client sends is dropped unread.
    onMessage() {},
    onClose(_event: CloseEvent, ws: WSContext) {
      // Leave only once the join has settled, or the room would stay subscribed.
      joined.catch(() => {}).then(() => channels.leave(ws, topic));
    },
  };
}
