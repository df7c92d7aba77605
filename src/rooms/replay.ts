import type { Paths } from "../../views/paths.ts";
import type { Replay } from "../delivery/resync.ts";
import { topicRoomId } from "../delivery/topics.ts";
import type { Store } from "../store/store.ts";
import { messagesFragment } from "./broadcasts.tsx";
import { historyPage, pageSizes } from "./history.ts";

/**
 * Delivery's replay (src/delivery/resync.ts) for rooms: a room's messages after the cursor, in
 * id order, as the same fragments a broadcast is, a page at a time. Topics that are not a room's
 * have nothing to replay.
 */
export const roomReplay = (store: Store, paths: Paths): Replay =>
  async function* (topic, after) {
    const roomId = topicRoomId(topic);
    if (roomId === null) return;
    const room = { id: roomId };
    for (let from = after; ; ) {
      const page = await historyPage(store, room, { after: from, limit: pageSizes.max });
      const last = page.messages.at(-1);
      if (!last) return;
      yield { fragment: await messagesFragment(room, page.messages, paths), messages: page.messages.length };
      if (!page.hasMore) return;
      from = last.id;
    }
  };
