import type { Message, Room } from "../../src/store/records.ts";
import { CatchUpRequest, ChangeLog, Cursor } from "../messages/cursor.tsx";
import { EarlierMessages, JumpToLatest, LoadOlder, MessageList, NewMessagesPill } from "../messages/list.tsx";
import type { ShownMessage } from "../messages/message.tsx";
import { PendingList } from "../messages/pending.tsx";
import { ConnectionStatus } from "./connection.tsx";

/** Where the page as rendered is whole: its newest place (deleted or not) and change number. */
export interface Whole {
  through: Pick<Message, "id" | "seq"> | undefined;
  change: number;
}

/**
 * The message a room page was opened at (`?at=`), which static/message-link.js brings into view
 * and marks; or `missing` when it is not there (deleted, or never in this room).
 */
export type Linked =
  | {
      id: number;
      /** Set when the message is far from the newest: it and its neighbours, shown above the live list. */
      window?: ShownMessage[];
      missing?: undefined;
    }
  | { missing: true; id?: undefined; window?: undefined };

/**
 * The conversation, the room page's and the embed's alike: connection state over the
 * timeline (older pages, the live log, the sends waiting), and the "New messages" pill.
 */
export const RoomStage = ({
  room,
  messages,
  hasOlder,
  whole,
  linked,
}: {
  room: Room;
  messages: ShownMessage[];
  hasOlder: boolean;
  whole: Whole;
  linked?: Linked;
}) => (
  <div class="stage" data-linked-message={linked?.id}>
    <ConnectionStatus room={room} />
    {linked?.missing ? (
      <p class="link-notice" role="status">
        That message is not in this room any more. Here are the newest.
      </p>
    ) : null}
    {/* One tab stop for the whole conversation: static/keys.js moves between its messages. */}
    <section class="timeline" tabindex={0} aria-label="Conversation">
      <LoadOlder
        room={room}
        before={hasOlder ? ((linked?.window ?? messages)[0]?.id ?? whole.through?.id ?? null) : null}
      />
      <EarlierMessages room={room} messages={linked?.window} />
      {linked?.window ? <JumpToLatest room={room} /> : null}
      <MessageList room={room} messages={messages} />
      <PendingList room={room} />
    </section>
    <Cursor room={room} through={whole.through} />
    <ChangeLog room={room} change={whole.change} />
    <CatchUpRequest />
    <NewMessagesPill />
  </div>
);
