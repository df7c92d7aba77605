import { ChangeLog, Cursor, changeLogId, cursorId } from "../../views/messages/cursor.tsx";
import { EarlierMessages, earlierId, LoadOlder, MessageList, messagesId, olderId } from "../../views/messages/list.tsx";
import { Replace } from "../../views/messages/stream.tsx";
import type { Paths } from "../../views/paths.ts";
import { render } from "../../views/render.ts";
import type { Message, Room } from "../store/records.ts";
import type { Store } from "../store/store.ts";
import { changeMarkup, messagesFragment } from "./broadcasts.tsx";
import { historyPage, lastPage, pageSizes } from "./history.ts";
import { withPeople } from "./mentions.ts";

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
 *
 * With `changes`, the number of the room's last change the page has (views/messages/cursor.tsx
 * `ChangeLog`), it also gets every message changed since, as it is now (an edit or a reaction
 * replaces the message where the page shows it; a deletion removes it), and its change log moves
 * to where it is now whole. Catch-up carries changes, not only new messages.
 */
export async function catchUpFrames(
  store: Store,
  room: Room,
  after: number,
  paths: Paths,
  changes?: number,
): Promise<string[]> {
  // Read before the messages: every change up to it shows in what is read next, and any later
  // one has a higher number (live, or in the next catch-up).
  const lastChange = changes === undefined ? 0 : await store.messages.lastChange(room.id);
  const changed = changes === undefined ? [] : await store.messages.changedSince(room.id, changes, pageSizes.replay);
  const missed = await historyPage(store, room, { after, limit: pageSizes.replay });
  // Too far behind in either: the latest page afresh, then what arrived while it was read.
  const frames =
    missed.hasMore || changed.length === pageSizes.replay
      ? await jumpToLatest(store, room, after, paths)
      : [
          (missed.messages.length ? await messagesFragment(room, missed.messages, paths) : "") +
            (await changesMarkup(store, changed, paths)) +
            (missed.through ? await cursorAt(room, missed.through, paths) : ""),
        ];
  if (changes !== undefined) {
    const through = Math.max(lastChange, changed.at(-1)?.changeSeq ?? 0);
    frames.push(
      await render(
        <Replace target={changeLogId(room)}>
          <ChangeLog room={room} change={through} />
        </Replace>,
        paths,
      ),
    );
  }
  return frames.filter((frame) => frame !== "");
}

/** The messages changed since the page last saw, as the page is to show them now. */
const changesMarkup = async (store: Store, changed: Message[], paths: Paths) =>
  (await withPeople(store, changed)).map((message) => changeMarkup(message, paths).html).join("");

/** A fresh latest page in place of the page's history, then whatever arrived while it was read. */
async function jumpToLatest(store: Store, room: Room, after: number, paths: Paths): Promise<string[]> {
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
        <LoadOlder room={room} before={page.hasMore ? (page.messages[0]?.id ?? page.through?.id ?? null) : null} />
      </Replace>
    </>,
    paths,
  );
  const since = await historyPage(store, room, { after: page.through?.id ?? after, limit: pageSizes.replay });
  const through = since.through ?? page.through;
  const cursor = through ? await cursorAt(room, through, paths) : "";
  return since.messages.length
    ? [jump, (await messagesFragment(room, since.messages, paths)) + cursor]
    : [jump + cursor];
}

/**
 * A page asks to have a hole filled at most this often; a request sooner is dropped (the page
 * asks again while its hole lasts), so a client cannot make reading the database its loop.
 */
export const catchUpEveryMs = 1000;

const cursorAt = (room: Room, through: Pick<Message, "id" | "seq">, paths: Paths) =>
  render(
    <Replace target={cursorId(room)}>
      <Cursor room={room} through={through} />
    </Replace>,
    paths,
  );
