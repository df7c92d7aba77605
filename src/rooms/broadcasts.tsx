import { earlierId, messagesId } from "../../views/messages/list.tsx";
import { Message, renderMessage, type ShownMessage } from "../../views/messages/message.tsx";
import { upsertMarkup } from "../../views/messages/stream.tsx";
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
