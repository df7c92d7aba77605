import type { Message as MessageRecord, Room } from "../../src/store/records.ts";
import { Message } from "./message.tsx";

/** The DOM id of a room's message list: the target of every message broadcast. */
export const messagesId = (room: { id: number }) => `messages-room-${room.id}`;

/** The DOM id of the "load older" control above the list. */
export const olderId = (room: { id: number }) => `older-room-${room.id}`;

export const Messages = ({ messages }: { messages: MessageRecord[] }) => (
  <>
    {messages.map((message) => (
      <Message message={message} />
    ))}
  </>
);

export const MessageList = ({ room, messages }: { room: Room; messages: MessageRecord[] }) => (
  <div id={messagesId(room)} class="messages" role="log" aria-live="polite" aria-label={`Messages in ${room.name}`}>
    <Messages messages={messages} />
  </div>
);

/** Fetches the page before `before`; absent when the room's history starts here. */
export const LoadOlder = ({ room, before }: { room: Room; before: number | null }) => (
  <div id={olderId(room)} class="older">
    {before === null ? (
      <p class="history-start">This is the beginning of {room.name}.</p>
    ) : (
      <button type="button" hx-get={`/rooms/${room.slug}/messages?before=${before}`} hx-swap="none">
        Load older messages
      </button>
    )}
  </div>
);
