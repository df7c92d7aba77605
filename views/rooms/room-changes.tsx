import type { Child } from "hono/jsx";
import type { Room, RoomMember, RoomRole } from "../../src/store/records.ts";
import { Merge, Remove, Replace } from "../messages/stream.tsx";
import {
  MemberRole,
  MemberRow,
  MemberTotal,
  memberRoleId,
  memberRowId,
  memberRowsId,
  memberTotalId,
} from "./member-list.tsx";
import { MemberCount, membersId } from "./presence.tsx";
import { CardRoomName, cardNameId } from "./room-card.tsx";
import { RoomTitleName, RoomTopic, roomNameId, topicId } from "./show.tsx";
import { SidebarRoomName, sidebarNameId } from "./sidebar.tsx";

type Shown = Pick<Room, "id" | "name" | "slug" | "visibility">;

/** The room's name wherever another page lists it: a sidebar's entry, the home page's card. */
export const RoomListed = ({ room }: { room: Shown }): Child => (
  <>
    <Replace target={sidebarNameId(room)}>
      <SidebarRoomName room={room} />
    </Replace>
    <Replace target={cardNameId(room)}>
      <CardRoomName room={room} />
    </Replace>
  </>
);

/** The room's new name and topic on its own pages: the header, and its entry in their sidebar. */
export const RoomChanged = ({ room }: { room: Room }): Child => (
  <>
    <Replace target={roomNameId(room)}>
      <RoomTitleName room={room} />
    </Replace>
    <Replace target={topicId(room)}>
      <RoomTopic room={room} />
    </Replace>
    <Replace target={sidebarNameId(room)}>
      <SidebarRoomName room={room} />
    </Replace>
  </>
);

/**
 * The room's people changed: its member count (the header's, the member list's), and the one
 * member's row as everyone sees it alike (new, gone, or a new role). A newcomer's row comes
 * without the viewer's own controls over them: the list asks for itself again when next opened.
 */
export const MembersChanged = ({
  room,
  members,
  added,
  removed,
  role,
}: {
  room: { id: number };
  members: number;
  added?: RoomMember;
  removed?: { id: number };
  role?: { id: number; role: RoomRole };
}): Child => (
  <>
    <Replace target={membersId(room)}>
      <MemberCount room={room} members={members} />
    </Replace>
    <Replace target={memberTotalId(room)}>
      <MemberTotal room={room} count={members} />
    </Replace>
    {added ? (
      <Merge target={memberRowsId(room)}>
        <MemberRow room={room} member={added} here={false} />
      </Merge>
    ) : null}
    {removed ? <Remove target={memberRowId(room, removed)} /> : null}
    {role ? (
      <Replace target={memberRoleId(room, role)}>
        <MemberRole room={room} member={role} />
      </Replace>
    ) : null}
  </>
);
