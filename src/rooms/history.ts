import type { ShownMessage } from "../../views/messages/message.tsx";
import type { Room } from "../store/records.ts";
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
  /** Always in id order, oldest first; ready to show (their mentions looked up). */
  messages: ShownMessage[];
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
    return { messages: await withPeople(store, rows.slice(0, limit)), hasMore: rows.length > limit };
  }
  const rows =
    before !== undefined
      ? await store.messages.before(room.id, before, limit + 1)
      : await store.messages.latest(room.id, limit + 1);
  return rows.length > limit
    ? { messages: await withPeople(store, rows.slice(1)), hasMore: true }
    : { messages: await withPeople(store, rows), hasMore: false };
}

/** The latest page: what the room page shows. */
export const lastPage = (store: Store, room: Pick<Room, "id">) => historyPage(store, room, { limit: pageSizes.page });
