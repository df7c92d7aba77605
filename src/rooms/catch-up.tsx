import { LoadOlder, MessageList, messagesId, olderId } from "../../views/messages/list.tsx";
import { Replace } from "../../views/messages/stream.tsx";
import { render } from "../../views/render.ts";
import type { Room } from "../store/records.ts";
import type { Store } from "../store/store.ts";
import { messagesFragment } from "./broadcasts.tsx";
import { lastPage } from "./history.ts";

/** Beyond this many missed messages, a reconnecting client reloads its list instead. */
export const replayLimit = 300;

/**
 * The frames that bring a client from message `after` up to now: the missed messages, or,
 * when it is too far behind, a fresh latest page ("jump to latest") followed by whatever
 * arrived while that page was read. Every frame upserts or replaces, so overlap with live
 * fragments is harmless.
 */
export async function catchUpFrames(store: Store, room: Room, after: number): Promise<string[]> {
  const missed = await store.messages.after(room.id, after, replayLimit + 1);
  if (missed.length <= replayLimit) return missed.length ? [await messagesFragment(room, missed)] : [];

  const page = await lastPage(store, room);
  const jump = await render(
    <>
      <Replace target={messagesId(room)}>
        <MessageList room={room} messages={page.messages} />
      </Replace>
      <Replace target={olderId(room)}>
        <LoadOlder room={room} before={page.hasOlder ? (page.messages[0]?.id ?? null) : null} />
      </Replace>
    </>,
  );
  const since = await store.messages.after(room.id, page.messages.at(-1)?.id ?? after, replayLimit);
  return since.length ? [jump, await messagesFragment(room, since)] : [jump];
}
