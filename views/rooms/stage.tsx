import type { Message, Room } from "../../src/store/records.ts";
import { CatchUpRequest, ChangeLog, Cursor } from "../messages/cursor.tsx";
import { EarlierMessages, LoadOlder, MessageList, NewMessagesPill } from "../messages/list.tsx";
import type { ShownMessage } from "../messages/message.tsx";
import { PendingList } from "../messages/pending.tsx";
import { ConnectionStatus } from "./connection.tsx";

/** Where the page as rendered is whole: its newest place (deleted or not) and change number. */
export interface Whole {
  through: Pick<Message, "id" | "seq"> | undefined;
  change: number;
}

/**
 * The conversation, the room page's and the embed's alike: connection state over the
 * timeline (older pages, the live log, the sends waiting), and the "New messages" pill.
 */
export const RoomStage = ({
  room,
  messages,
  hasOlder,
  whole,
}: {
  room: Room;
  messages: ShownMessage[];
  hasOlder: boolean;
  whole: Whole;
}) => (
  <div class="stage">
    <ConnectionStatus room={room} />
    {/* One tab stop for the whole conversation: static/keys.js moves between its messages. */}
    <section class="timeline" tabindex={0} aria-label="Conversation">
      <LoadOlder room={room} before={hasOlder ? (messages[0]?.id ?? whole.through?.id ?? null) : null} />
      <EarlierMessages room={room} />
      <MessageList room={room} messages={messages} />
      <PendingList room={room} />
    </section>
    <Cursor room={room} through={whole.through} />
    <ChangeLog room={room} change={whole.change} />
    <CatchUpRequest />
    <NewMessagesPill />
  </div>
);
