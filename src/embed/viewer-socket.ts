import type { WSContext } from "hono/ws";
import type { Paths } from "../../views/paths.ts";
import type { Deps } from "../app-env.ts";
import type { Channels } from "../delivery/channels.ts";
import { closeCodes } from "../delivery/close-codes.ts";
import type { SocketRegistry } from "../delivery/socket-registry.ts";
import { roomTopic } from "../delivery/topics.ts";
import { catchUpEveryMs, catchUpFrames } from "../rooms/catch-up.tsx";
import { parseFrame } from "../rooms/message-input.ts";
import type { Room } from "../store/records.ts";

type Readers = Pick<SocketRegistry, "addReader" | "removeReader">;

/**
 * A read-only embed's socket: the room's fragments (messages, who is here, the topic) and the
 * catch-up after `after` (and after a hole the page sees), nothing else taken from the page. It
 * has no session to count it or end it; it carries nothing private (the embed's history is
 * public to whoever may frame it). The registry holds it by room, so un-sharing the room closes
 * it on every instance.
 */
export function viewerSocket(
  deps: Deps,
  { channels, sockets, paths }: { channels: Pick<Channels, "join" | "leave">; sockets: Readers; paths: Paths },
  room: Room,
  after: number | null,
) {
  const topic = roomTopic(room);
  let joined: Promise<void> = Promise.resolve();
  let caughtUpAt = 0;
  const catchUp = async (ws: WSContext, from: number) => {
    for (const frame of await catchUpFrames(deps.store, room, from, paths)) ws.send(frame);
  };
  return {
    onOpen(_event: Event, ws: WSContext) {
      sockets.addReader(room.id, ws);
      joined = channels.join(ws, topic);
      joined
        .then(async () => {
          // Un-shared between the admission and now: the ending went by before this socket was held.
          if (!(await deps.store.embeds.settings(room.id))?.allowedOrigins.length) {
            return ws.close(closeCodes.noSuchRoom, "not shared");
          }
          if (after !== null) await catchUp(ws, after);
        })
        .catch((error) => console.error(`embed viewer ${room.slug}:`, error));
    },
    // A read-only page has no composer: all it may ask for is a hole filled; the rest is dropped.
    onMessage(event: MessageEvent, ws: WSContext) {
      const frame = parseFrame(event.data);
      if (!frame.ok || frame.kind !== "catch-up" || Date.now() - caughtUpAt < catchUpEveryMs) return;
      caughtUpAt = Date.now();
      joined.then(() => catchUp(ws, frame.after)).catch((error) => console.error(`embed viewer ${room.slug}:`, error));
    },
    onClose(_event: CloseEvent, ws: WSContext) {
      sockets.removeReader(room.id, ws);
      // Leave only once the join has settled, or the room would stay subscribed.
      joined.catch(() => {}).then(() => channels.leave(ws, topic));
    },
  };
}
