import { previewOf } from "../../src/rooms/message-rules.ts";
import { slugify } from "../../src/rooms/room-name-rules.ts";
import type { JoinedRoom, RoomActivity, RoomVisibility } from "../../src/store/records.ts";
import { trusted } from "../escape.ts";
import { usePaths } from "../paths.ts";
import { ClockTime } from "../time.tsx";
import { topicHtml } from "./topic-text.ts";
import { UnreadBadge } from "./unread.tsx";

/**
 * Rooms made before names had to be unique may share one: those show their address too, which
 * always differs. A slug differs from its name's slug only where such a clash once happened.
 */
export const RoomName = ({ room }: { room: { name: string; slug: string; visibility?: RoomVisibility } }) => (
  <>
    {room.name}
    {/* A private or direct room's slug is random by design: its name alone tells it apart. */}
    {slugify(room.name) === room.slug || (room.visibility ?? "public") !== "public" ? null : (
      <span class="room-slug"> /{room.slug}</span>
    )}
    {room.visibility === "private" ? <span class="room-kind">Private</span> : null}
  </>
);

/** The DOM id of a room's name on the home page's card: a rename replaces it live. */
export const cardNameId = (room: { id: number }) => `card-name-room-${room.id}`;

export const CardRoomName = ({
  room,
}: {
  room: { id: number; name: string; slug: string; visibility?: RoomVisibility };
}) => (
  <strong id={cardNameId(room)}>
    <RoomName room={room} />
  </strong>
);

/** One room with its newest message; visitors who are not signed in see the time, not the words. */
export const RoomCard = ({ room, preview }: { room: RoomActivity | JoinedRoom; preview: boolean }) => {
  const { to } = usePaths();
  return (
    <li class="room-card">
      <a href={to(`/rooms/${room.slug}`)} class="room-link">
        <span class="room-link-name">
          <CardRoomName room={room} />
          {room.visibility === "direct" ? <span class="room-kind">Direct</span> : null}
          {"unread" in room ? <UnreadBadge room={room} state={room} /> : null}
        </span>
        {room.topic ? <span class="topic">{trusted(topicHtml(room.topic, { links: false }))}</span> : null}
      </a>
      <LatestActivity
        room={room}
        latest={
          room.lastMessage && {
            name: room.lastMessage.name,
            preview: previewOf(room.lastMessage.body),
            at: room.lastMessage.createdAt,
          }
        }
        preview={preview}
      />
    </li>
  );
};

/** The DOM id of a room's latest-activity line: the home page's socket replaces it live. */
export const latestId = (room: { id: number }) => `latest-room-${room.id}`;

/** Who said what last, and when; visitors who are not signed in see the time, not the words. */
export const LatestActivity = ({
  room,
  latest,
  preview,
}: {
  room: { id: number };
  latest: { name: string; preview: string; at: Date } | null;
  preview: boolean;
}) =>
  latest ? (
    <span class="activity" id={latestId(room)}>
      {preview ? (
        <span class="preview">
          {latest.name}: {latest.preview}
        </span>
      ) : null}
      <ClockTime at={latest.at} format="recent" />
    </span>
  ) : (
    <span class="activity" id={latestId(room)}>
      No messages yet
    </span>
  );

export const RoomList = ({
  rooms,
  empty,
  preview,
}: {
  rooms: (RoomActivity | JoinedRoom)[];
  empty: string;
  preview: boolean;
}) =>
  rooms.length ? (
    <ul class="rooms">
      {rooms.map((room) => (
        <RoomCard room={room} preview={preview} />
      ))}
    </ul>
  ) : (
    <p class="empty">{empty}</p>
  );
