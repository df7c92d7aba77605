import type { RoomActivity } from "../../src/store/records.ts";
import { ClockTime } from "../time.tsx";

/** One room in a list, with its newest message as a preview. */
export const RoomCard = ({ room }: { room: RoomActivity }) => (
  <li class="room-card">
    <a href={`/rooms/${room.slug}`}>
      <strong>{room.name}</strong>
    </a>
    {room.lastMessage ? (
      <span class="activity">
        <ClockTime at={room.lastMessage.createdAt} withDate /> · {room.lastMessage.username}:{" "}
        <span class="preview">{preview(room.lastMessage.body)}</span>
      </span>
    ) : (
      <span class="activity">No messages yet</span>
    )}
  </li>
);

const preview = (body: string) => (body.length > 80 ? `${body.slice(0, 79)}…` : body);
