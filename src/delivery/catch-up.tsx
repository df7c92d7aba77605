import { EarlierMessages, earlierId, LoadOlder, MessageList, messagesId, olderId } from "../../views/messages/list.tsx";
import { Replace } from "../../views/messages/stream.tsx";
import { render } from "../../views/render.ts";
import { messagesFragment } from "../rooms/broadcasts.tsx";
import { historyPage, lastPage, pageSizes } from "../rooms/history.ts";
import type { Room } from "../store/records.ts";
import type { Store } from "../store/store.ts";
import { inFlightMargin } from "./resync.ts";

/**
 * The frames that bring a (re)connecting socket from message `after` up to now: the missed
 * messages, or, when it is more than `pageSizes.replay` behind, a fresh latest page ("jump to
 * latest") followed by whatever arrived while that page was read. Every frame upserts or
 * replaces, so overlap with live fragments is harmless.
 */
export async function catchUpFrames(
  store: Store,
  room: Room,
  after: number,
  { severalInstances }: { severalInstances: boolean },
): Promise<string[]> {
  // With several instances a page can hold a newer message of this instance before an older one
  // of another's; a drop in between must not skip the older, so the last seconds come again
  // (the page upserts them). One instance delivers in id order: exactly what was missed.
  const from = severalInstances ? await store.messages.resumeFrom(room.id, after, inFlightMargin) : after;
  const missed = await historyPage(store, room, { after: from, limit: pageSizes.replay });
  if (!missed.hasMore) return missed.messages.length ? [await messagesFragment(room, missed.messages)] : [];

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
  );
  const since = await historyPage(store, room, { after: page.messages.at(-1)?.id ?? after, limit: pageSizes.replay });
  return since.messages.length ? [jump, await messagesFragment(room, since.messages)] : [jump];
}
