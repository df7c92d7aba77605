import type { ShownMessage } from "../../views/messages/message.tsx";
import type { Linked, Whole } from "../../views/rooms/stage.tsx";
import type { Room } from "../store/records.ts";
import type { Store } from "../store/store.ts";
import { historyPage, lastPage, pageSizes } from "./history.ts";

/** How many messages the page shows on each side of a linked one, when it cannot show all to the newest. */
export const linkContext = 25;

/** What the room page shows: its messages, where it is whole, and the message it was opened at. */
export interface RoomView {
  messages: ShownMessage[];
  hasOlder: boolean;
  whole: Whole;
  linked?: Linked;
}

const latest = async (store: Store, room: Pick<Room, "id">): Promise<RoomView> => {
  const page = await lastPage(store, room);
  return { messages: page.messages, hasOlder: page.hasMore, whole: { through: page.through, change: page.change } };
};

/**
 * The room page opened at message `at` (`/rooms/:slug?at=<id>`, where search results link). The
 * page's cursor must say where it is whole, for the socket resumes from there:
 * - within the newest `pageSizes.replay` messages, the page runs from a little before it to the
 *   newest, and is whole to the newest, as the plain room page is;
 * - further back, it shows the message among its neighbours above the live list, which starts
 *   empty, and is whole to the newest (read first, so nothing after it is missed); "Jump to
 *   latest" between them loads the room afresh.
 * A message that is not in the room, or is deleted, opens the room as usual, saying so.
 */
export async function roomViewAt(store: Store, room: Pick<Room, "id">, at: string | undefined): Promise<RoomView> {
  if (at === undefined) return latest(store, room);
  const id = Number(at);
  const message = Number.isSafeInteger(id) && id > 0 ? await store.messages.find(room.id, id) : null;
  if (!message || message.deletedAt) return { ...(await latest(store, room)), linked: { missing: true } };

  // Read first: whatever is stored after these comes over the socket, which resumes from here.
  const change = await store.messages.lastChange(room.id);
  const [newest] = await store.messages.latest(room.id, 1);
  const older = await historyPage(store, room, { before: id, limit: linkContext });
  const rest = await historyPage(store, room, { after: older.through?.id ?? 0, limit: pageSizes.replay });
  if (!rest.hasMore) {
    return {
      messages: [...older.messages, ...rest.messages],
      hasOlder: older.hasMore,
      whole: { through: rest.through, change },
      linked: { id },
    };
  }
  const after = rest.messages.findIndex((shown) => shown.id === id);
  return {
    messages: [],
    hasOlder: older.hasMore,
    whole: { through: newest && { id: newest.id, seq: newest.seq }, change },
    linked: { id, window: [...older.messages, ...rest.messages.slice(0, after + 1 + linkContext)] },
  };
}
