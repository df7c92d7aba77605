import type { Paths } from "../../views/paths.ts";
import type { Replay } from "../delivery/resync.ts";
import { topicRoomId } from "../delivery/topics.ts";
import type { Store } from "../store/store.ts";
import { changeBroadcast, messagesFragment } from "./broadcasts.tsx";
import { historyPage, pageSizes } from "./history.ts";
import { withPeople } from "./mentions.ts";

/**
 * Delivery's replay (src/delivery/resync.ts) for rooms: a room's messages after the cursor, in
 * id order, as the same fragments a broadcast is, a page at a time; then the messages changed
 * since `changedSince`, as they are now, with their change numbers (each page's change log
 * counts them as if they came live). Topics that are not a room's have nothing to replay.
 */
export const roomReplay = (store: Store, paths: Paths): Replay =>
  async function* (topic, after, changedSince) {
    const roomId = topicRoomId(topic);
    if (roomId === null) return;
    const room = { id: roomId };
    for (let from = after; ; ) {
      const page = await historyPage(store, room, { after: from, limit: pageSizes.max });
      const last = page.messages.at(-1);
      if (!last) return;
      yield { fragment: await messagesFragment(room, page.messages, paths), messages: page.messages.length };
      if (!page.hasMore) break;
      from = last.id;
    }
    const changed = await store.messages.changedAt(roomId, changedSince, pageSizes.replay);
    if (changed.length === 0) return;
    const shown = await withPeople(store, changed);
    yield { fragment: shown.map((message) => changeBroadcast(room, message, paths).html).join(""), messages: 0 };
  };
