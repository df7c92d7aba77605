import type { JoinedRoom, Room, User } from "../../src/store/records.ts";
import { usePaths } from "../paths.ts";
import { PresentList } from "./presence.tsx";
import { SidebarSearch } from "./quick-switcher.tsx";
import { RoomName } from "./room-card.tsx";
import { UnreadBadge } from "./unread.tsx";

/** The sidebar's DOM id: the phone layout's "Rooms" button opens it as a popover. */
export const sidebarId = "rooms-sidebar";

/**
 * The person's rooms beside the room they are in, and the ways to others. A popover, so phones
 * fold it away behind the header's "Rooms" button with no script (light dismiss included); wide
 * screens show it in place (app.css).
 */
export const RoomsSidebar = ({
  rooms,
  current,
  present,
}: {
  rooms: JoinedRoom[];
  current: Room;
  present: Pick<User, "id" | "username" | "displayName" | "avatar">[];
}) => {
  const { to } = usePaths();
  // Conversations with people apart from rooms: each named by the others in it (seenBy, in the route).
  const directs = rooms.filter((room) => room.visibility === "direct");
  return (
    <aside id={sidebarId} class="sidebar" popover="auto" aria-labelledby="sidebar-title">
      <div class="sidebar-head">
        <h2 id="sidebar-title">Your rooms</h2>
        <button
          type="button"
          class="sidebar-close"
          popovertarget={sidebarId}
          popovertargetaction="hide"
          aria-label="Close the room list"
        >
          ×
        </button>
      </div>
      <SidebarSearch />
      <nav aria-labelledby="sidebar-title">
        <SidebarRooms rooms={rooms.filter((room) => room.visibility !== "direct")} current={current} sigil="#" />
      </nav>
      {directs.length ? (
        <>
          <h2 id="direct-title" class="direct-title">
            Direct messages
          </h2>
          <nav aria-labelledby="direct-title">
            <SidebarRooms rooms={directs} current={current} sigil="@" />
          </nav>
        </>
      ) : null}
      <p class="sidebar-actions">
        <a href={`${to("/")}#discover`}>Find a room</a>
        <a href={`${to("/")}#create-room`}>New room</a>
      </p>
      <h2 id="present-title" class="present-title">
        Here now
      </h2>
      <PresentList room={current} people={present} />
    </aside>
  );
};

/** The DOM id of a room's name in the sidebar: a rename replaces it live on every page that shows it. */
export const sidebarNameId = (room: { id: number }) => `sidebar-name-room-${room.id}`;

export const SidebarRoomName = ({ room }: { room: Pick<Room, "id" | "name" | "slug" | "visibility"> }) => (
  <span class="sidebar-room-name" id={sidebarNameId(room)}>
    <RoomName room={room} />
  </span>
);

/** One list of the sidebar: each room with its unread badge, the one shown marked current. */
const SidebarRooms = ({ rooms, current, sigil }: { rooms: JoinedRoom[]; current: Room; sigil: string }) => {
  const { to } = usePaths();
  return (
    <ul class="sidebar-rooms">
      {rooms.map((room) => (
        <li>
          <a href={to(`/rooms/${room.slug}`)} aria-current={room.id === current.id ? "page" : undefined}>
            <span class="sigil" aria-hidden="true">
              {room.visibility === "private" ? <Lock /> : sigil}
            </span>
            <SidebarRoomName room={room} />
            {room.id === current.id ? null : <UnreadBadge room={room} state={room} />}
          </a>
        </li>
      ))}
    </ul>
  );
};

/** A private room's sigil; the room's name says "Private" to screen readers (RoomName's tag). */
const Lock = () => (
  <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
    <rect x="3" y="7" width="10" height="7" rx="1.5" fill="currentColor" />
    <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" fill="none" stroke="currentColor" stroke-width="1.6" />
  </svg>
);
