import type { Message, Room, User } from "../../src/store/records.ts";
import { Layout } from "../layout.tsx";
import { LoadOlder, MessageList } from "../messages/list.tsx";
import { PendingList } from "../messages/pending.tsx";
import { Composer } from "./composer.tsx";
import { ConnectionStatus } from "./connection.tsx";

/**
 * The room: history rendered with the same Message partial as live broadcasts. The socket
 * resumes after the newest message shown (static/connection.js keeps `after` current and decides
 * when to reconnect); hx-swap="none" keeps a stray frame from replacing the room (only
 * <hx-partial> envelopes are swapped in).
 */
export const RoomPage = ({
  user,
  room,
  messages,
  hasOlder,
  nonce,
}: {
  user: User;
  room: Room;
  messages: Message[];
  hasOlder: boolean;
  /** The composer's idempotency nonce (see composer.tsx). */
  nonce: string;
}) => {
  const lastId = messages.at(-1)?.id ?? 0;
  return (
    <Layout title={room.name} user={user}>
      <section
        class="room"
        hx-ws:connect={`/rooms/${room.slug}/ws?after=${lastId}`}
        hx-swap="none"
        data-room-slug={room.slug}
      >
        <h1>{room.name}</h1>
        <div class="stage">
          <ConnectionStatus room={room} />
          <div class="timeline">
            <LoadOlder room={room} before={hasOlder ? (messages[0]?.id ?? null) : null} />
            <MessageList room={room} messages={messages} />
            <PendingList room={room} />
          </div>
        </div>
        <Composer room={room} nonce={nonce} />
      </section>
    </Layout>
  );
};
