import type { Message, Room } from "../store/records.ts";
import type { Store } from "../store/store.ts";

export const pageSize = 50;

export interface Page {
  messages: Message[];
  /** Whether older messages exist before this page. */
  hasOlder: boolean;
}

/** One extra row tells whether there is more, without a COUNT. */
const trim = (rows: Message[], limit: number): Page =>
  rows.length > limit ? { messages: rows.slice(1), hasOlder: true } : { messages: rows, hasOlder: false };

/** The newest page: what the room page shows. */
export async function lastPage(store: Store, room: Room, limit = pageSize): Promise<Page> {
  return trim(await store.messages.latest(room.id, limit + 1), limit);
}

/** The page just before message `id`: "load older". */
export async function pageBefore(store: Store, room: Room, id: number, limit = pageSize): Promise<Page> {
  return trim(await store.messages.before(room.id, id, limit + 1), limit);
}

/** Messages after `id`, oldest first: catch-up after a reconnect. */
export async function createdSince(store: Store, room: Room, id: number, limit = pageSize): Promise<Message[]> {
  return store.messages.after(room.id, id, limit);
}
