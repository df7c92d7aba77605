import { changeLogId, changeMark } from "../../views/messages/cursor.tsx";
import { earlierId, messagesId } from "../../views/messages/list.tsx";
import { Message, messageId, renderMessage, type ShownMessage } from "../../views/messages/message.tsx";
import { appendMarkup, removeMarkup, replaceMarkup, upsertMarkup } from "../../views/messages/stream.tsx";
import type { Paths } from "../../views/paths.ts";
import type { Channels } from "../delivery/channels.ts";
import { roomTopic } from "../delivery/topics.ts";
import type { Room } from "../store/records.ts";

/**
 * The fragment that adds (or replaces) messages in a room's list, in id order. Older pages go
 * above the live log (`earlier`); a message already shown anywhere is replaced where it is.
 */
export const messagesFragment = async (
  room: Pick<Room, "id">,
  messages: ShownMessage[],
  paths: Paths,
  earlier = false,
) =>
  upsertMarkup(
    earlier ? earlierId(room) : messagesId(room),
    messages.map((message) => Message({ message, paths })).join(""),
  );

/**
 * Renders a new message once and publishes that one string to the room; returns it for reuse,
 * with the usernames it links as mentions. Publishing does not wait for other instances, so
 * neither does the sender's acknowledgement.
 */
export function broadcastCreate(
  channels: Pick<Channels, "publish">,
  room: Pick<Room, "id">,
  message: ShownMessage,
  paths: Paths,
): { fragment: string; mentions: readonly string[] } {
  const { html, mentions } = renderMessage(message, paths);
  const fragment = upsertMarkup(messagesId(room), html);
  channels.publish(roomTopic(room), fragment);
  return { fragment, mentions };
}

/**
 * A changed message as pages are to show it now: the same partial, replacing the one a page
 * shows (a page that does not show it has nothing to replace); a deleted one removed.
 */
export function changeMarkup(message: ShownMessage, paths: Paths): RenderedChange {
  if (message.deletedAt) return { html: removeMarkup(messageId(message)), mentions: [] };
  const { html, mentions } = renderMessage(message, paths);
  return { html: replaceMarkup(messageId(message), html), mentions };
}

interface RenderedChange {
  html: string;
  mentions: readonly string[];
}

/**
 * A change as every page is to take it: the message as it is now, and the change's number in the
 * room's change log (for a deletion, with the place it empties: a removed message leaves a gap
 * in the places that is not a hole), so a page can tell a change it missed.
 */
export function changeBroadcast(room: Pick<Room, "id">, message: ShownMessage, paths: Paths): RenderedChange {
  const { html, mentions } = changeMarkup(message, paths);
  const mark = changeMark(message.changeSeq, message.deletedAt ? message.seq : undefined);
  return { html: html + appendMarkup(changeLogId(room), mark), mentions };
}

/** Renders a change once and publishes it to the room; returns the usernames its text links as mentions. */
export function broadcastChange(
  channels: Pick<Channels, "publish">,
  room: Pick<Room, "id">,
  message: ShownMessage,
  paths: Paths,
): readonly string[] {
  const { html, mentions } = changeBroadcast(room, message, paths);
  channels.publish(roomTopic(room), html);
  return mentions;
}
