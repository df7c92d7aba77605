import type { ShownMessage } from "../../views/messages/message.tsx";
import type { Message, Room } from "../store/records.ts";
import type { Store } from "../store/store.ts";
import type { Cursor } from "./cursor.ts";
import { withPeople } from "./mentions.ts";

/** Every page size in one place. */
export const pageSizes = {
  /** The room page, "load older", and the API's default `limit`. */
  page: 50,
  /** The most one request may ask for (the API's `limit`); a resync reads pages of this size. */
  max: 100,
  /** Beyond this many missed messages, a reconnecting client gets the latest page instead. */
  replay: 300,
} as const;

export interface Page {
  /** Always in id order, oldest first; ready to show (their mentions looked up); deleted ones left out. */
  messages: ShownMessage[];
  /**
   * The newest message the page read, deleted or not: where a reader who has this page is
   * whole (a deleted message keeps its place, and a cursor must pass it).
   */
  through: Pick<Message, "id" | "seq"> | undefined;
  /** Whether more messages lie beyond this page in its direction: older ones for `before` or the latest page, newer ones for `after`. */
  hasMore: boolean;
}

/**
 * One page of a room's history: with `before` the newest `limit` older ones ("load older"),
 * with `after` the oldest `limit` newer ones (catch-up, resync), with neither the latest.
 * One extra row tells whether there is more, without a COUNT.
 */
export async function historyPage(store: Store, room: Pick<Room, "id">, cursor: Cursor): Promise<Page> {
  const { before, after, limit } = cursor;
  if (after !== undefined) {
    const rows = await store.messages.after(room.id, after, limit + 1);
    return pageOf(store, rows.slice(0, limit), rows.length > limit);
  }
  const rows =
    before !== undefined
      ? await store.messages.before(room.id, before, limit + 1)
      : await store.messages.latest(room.id, limit + 1);
  return rows.length > limit ? pageOf(store, rows.slice(1), true) : pageOf(store, rows, false);
}

const pageOf = async (store: Store, rows: Message[], hasMore: boolean): Promise<Page> => {
  const last = rows.at(-1);
  return {
    messages: await withPeople(
      store,
      rows.filter((row) => !row.deletedAt),
    ),
    hasMore,
    through: last && { id: last.id, seq: last.seq },
  };
};

/**
 * The latest page: what the room page shows, and `change`, the room's change number it
 * reflects (read first: a change after it shows in the page or comes with a higher number).
 */
export const lastPage = async (store: Store, room: Pick<Room, "id">): Promise<Page & { change: number }> => {
  const change = await store.messages.lastChange(room.id);
  return { ...(await historyPage(store, room, { limit: pageSizes.page })), change };
};
