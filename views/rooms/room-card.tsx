import type { RoomActivity } from "../../src/store/records.ts";
import { ClockTime } from "../time.tsx";

/** One room with its newest message; visitors who are not signed in see the time, not the words. */
export const RoomCard = ({ room, preview }: { room: RoomActivity; preview: boolean }) => (
  <li class="room-card">
    <a href={`/rooms/${room.slug}`}>
      <strong>{room.name}</strong>
    </a>
    {room.lastMessage ? (
      <span class="activity">
        <ClockTime at={room.lastMessage.createdAt} withDate />
        {preview ? (
          <>
            {" "}
            · {room.lastMessage.username}: <span class="preview">{shorten(room.lastMessage.body)}</span>
          </>
        ) : null}
      </span>
    ) : (
      <span class="activity">No messages yet</span>
    )}
  </li>
);

export const RoomList = ({ rooms, empty, preview }: { rooms: RoomActivity[]; empty: string; preview: boolean }) =>
  rooms.length ? (
    <ul class="rooms">
      {rooms.map((room) => (
        <RoomCard room={room} preview={preview} />
      ))}
    </ul>
  ) : (
    <p>{empty}</p>
  );

const shorten = (body: string) => (body.length > 80 ? `${body.slice(0, 79)}…` : body);
