import { Cursor, cursorId } from "../../views/messages/cursor.tsx";
import { EarlierMessages, earlierId, LoadOlder, MessageList, messagesId, olderId } from "../../views/messages/list.tsx";
import { Replace } from "../../views/messages/stream.tsx";
import type { Paths } from "../../views/paths.ts";
import { render } from "../../views/render.ts";
import type { Message, Room } from "../store/records.ts";
import type { Store } from "../store/store.ts";
import { messagesFragment } from "./broadcasts.tsx";
import { historyPage, lastPage, pageSizes } from "./history.ts";

/**
 * The frames that bring a page from message `after` up to now: the missed messages, or, when it
 * is more than `pageSizes.replay` behind, a fresh latest page ("jump to latest") followed by
 * whatever arrived while that page was read. Every frame upserts or replaces, so overlap with
 * live fragments is harmless.
 *
 * `after` is the last message before the first hole the page has (static/connection.js counts
 * places, `seq`), not the newest it holds: with several instances a page can hold a newer
 * message of this instance before an older one of another's, for as long as the bus is down.
 * Within a room ids follow commit order, so everything after `after` is exactly what may be
 * missing, whenever it was stored. The last frame moves the page's cursor to where it is now whole.
 */
export async function catchUpFrames(store: Store, room: Room, after: number, paths: Paths): Promise<string[]> {
  const missed = await historyPage(store, room, { after, limit: pageSizes.replay });
  if (!missed.hasMore) {
    const last = missed.messages.at(-1);
    return last ? [(await messagesFragment(room, missed.messages, paths)) + (await cursorAt(room, last, paths))] : [];
  }

  const page = await lastPage(store, room);
  const jump = await render(
    <>
      <Replace target={messagesId(room)}>
        <MessageList room={room} messages={page.messages} />
      </Replace>
      {/* Older pages loaded before would sit above a gap: the jump starts the history afresh. */}
      <Replace target={earlierId(room)}>
        <EarlierMessages room={room} />
      </Replace>
      <Replace target={olderId(room)}>
        <LoadOlder room={room} before={page.hasMore ? (page.messages[0]?.id ?? null) : null} />
      </Replace>
    </>,
    paths,
  );
  const since = await historyPage(store, room, { after: page.messages.at(-1)?.id ?? after, limit: pageSizes.replay });
  const last = since.messages.at(-1) ?? page.messages.at(-1);
  const cursor = last ? await cursorAt(room, last, paths) : "";
  return since.messages.length
    ? [jump, (await messagesFragment(room, since.messages, paths)) + cursor]
    : [jump + cursor];
}

/**
 * A page asks to have a hole filled at most this often; a request sooner is dropped (the page
 * asks again while its hole lasts), so a client cannot make reading the database its loop.
 */
export const catchUpEveryMs = 1000;

const cursorAt = (room: Room, through: Message, paths: Paths) =>
  render(
    <Replace target={cursorId(room)}>
      <Cursor room={room} through={through} />
    </Replace>,
    paths,
  );
