import { seenBy } from "../../views/rooms/direct-name.ts";
import type { ShownFind } from "../../views/search/found-message.tsx";
import { findVisibleRoom } from "../rooms/find-room.ts";
import { withPeople } from "../rooms/mentions.ts";
import type { FoundMessage, Room, User } from "../store/records.ts";
import type { Store } from "../store/store.ts";
import type { SearchInput } from "./search-input.ts";

/** One page of what a search found, newest first, and where the next (older) page starts. */
export interface Finds {
  found: ShownFind[];
  /** The room searched, when the search was in one. */
  room?: Room;
  /** The `before` of the next page; undefined when this is the last. */
  older?: number;
}

/**
 * Searches what the person may read: one room they may see (`room`: the same 404 as a made-up
 * slug for one they may not), else every room they are a member of. Direct rooms are named by
 * the others in them, as everywhere else.
 */
export async function findMessages(store: Store, user: User, input: SearchInput): Promise<Finds> {
  const room = input.room ? (await findVisibleRoom(store, input.room, user)).room : undefined;
  const rows = await store.search.messages({
    words: input.words,
    readerId: user.id,
    roomId: room?.id,
    before: input.before,
    limit: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  const shown = await withPeople(store, page);
  const found = shown.map((message, i) => {
    const { room: where, highlighted } = page[i] as FoundMessage;
    return { ...message, room: seenBy(where, user), highlighted };
  });
  return { found, room: room && seenBy(room, user), older: rows.length > input.limit ? page.at(-1)?.id : undefined };
}
