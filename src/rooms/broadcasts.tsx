import { messagesId } from "../../views/messages/list.tsx";
import { Message } from "../../views/messages/message.tsx";
import { Upsert } from "../../views/messages/stream.tsx";
import { render } from "../../views/render.ts";
import type { Bus } from "../bus/bus.ts";
import type { Message as MessageRecord, Room } from "../store/records.ts";

/** The bus topic of a room: every instance with members there listens to it. */
export const roomTopic = (room: { id: number }) => `room:${room.id}`;

/** The room id a topic names, or null for a topic that is not a room's. */
export const topicRoomId = (topic: string): number | null => {
  const id = Number(/^room:(\d+)$/.exec(topic)?.[1]);
  return Number.isSafeInteger(id) ? id : null;
};

/** The fragment that adds (or replaces) messages in a room's list, in id order. */
export const messagesFragment = (room: Pick<Room, "id">, messages: MessageRecord[]) =>
  render(
    <Upsert target={messagesId(room)}>
      {messages.map((message) => (
        <Message message={message} />
      ))}
    </Upsert>,
  );

/** Renders a new message once and publishes that one string to the room; returns it for reuse. */
export async function broadcastCreate(bus: Bus, room: Pick<Room, "id">, message: MessageRecord): Promise<string> {
  const fragment = await messagesFragment(room, [message]);
  await bus.publish(roomTopic(room), fragment);
  return fragment;
}
