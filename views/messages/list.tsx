import type { Room } from "../../src/store/records.ts";
import { Message, type ShownMessage } from "./message.tsx";

/** The DOM id of a room's message list: the target of every message broadcast. */
export const messagesId = (room: { id: number }) => `messages-room-${room.id}`;

/** The DOM id of the "load older" control above the list. */
export const olderId = (room: { id: number }) => `older-room-${room.id}`;

/** The DOM id of the messages "load older" brought in: outside the live log, so screen readers stay quiet. */
export const earlierId = (room: { id: number }) => `earlier-room-${room.id}`;

export const Messages = ({ messages }: { messages: ShownMessage[] }) => (
  <>
    {messages.map((message) => (
      <Message message={message} />
    ))}
  </>
);

/**
 * The page's messages and every one that arrives: a log, so a screen reader reads new messages
 * as they come (what the page starts with is not announced).
 */
export const MessageList = ({ room, messages }: { room: Room; messages: ShownMessage[] }) => (
  <div id={messagesId(room)} class="messages" role="log" aria-label={`Messages in ${room.name}`}>
    <Messages messages={messages} />
  </div>
);

/** Older pages land here, above the log: reading history aloud unasked would drown the room. */
export const EarlierMessages = ({ room, messages = [] }: { room: Room; messages?: ShownMessage[] }) => (
  <div id={earlierId(room)} class="messages earlier">
    <Messages messages={messages} />
  </div>
);

/**
 * Between a linked message far back in the room (shown above, in the earlier pages) and the live
 * list below, which starts empty: the newest are a page load away. Relative, like "Load older",
 * so it works under any base path.
 */
export const JumpToLatest = ({ room }: { room: Room }) => (
  <div class="newer-gap">
    <p>Newer messages are not shown here.</p>
    <a href={room.slug}>Jump to latest</a>
  </div>
);

/** Shown by static/room.js when messages arrive while the reader is scrolled up. */
export const NewMessagesPill = () => (
  <button type="button" class="new-messages" hidden>
    New messages
  </button>
);

/** Fetches the page before `before`; absent when the room's history starts here. */
export const LoadOlder = ({ room, before }: { room: Room; before: number | null }) => (
  <div id={olderId(room)} class="older">
    {before === null ? (
      // Focusable from script: static/room.js moves focus here once the last older page is in.
      <p class="history-start" tabindex={-1}>
        {/* A direct room's stored name lists everyone; each person's page names the others. */}
        {room.visibility === "direct"
          ? "This is the beginning of your conversation."
          : `This is the beginning of ${room.name}.`}
      </p>
    ) : (
      // Relative to the page, so the room page (/rooms/<slug>) and its embed (/embed/<slug>)
      // each load older messages from their own route; catch-up frames render it for both.
      <button type="button" hx-get={`${room.slug}/messages?before=${before}`} hx-swap="none">
        Load older messages
      </button>
    )}
  </div>
);
