import type { Child } from "hono/jsx";
import type { Room, RoomMember } from "../../src/store/records.ts";
import { Replace } from "../messages/stream.tsx";
import { usePaths } from "../paths.ts";
import { Avatar } from "../users/avatar.tsx";

/** The popover the header's member count opens, and the list inside it that a refresh replaces. */
export const memberListId = (room: { id: number }) => `member-list-room-${room.id}`;
export const memberListBodyId = (room: { id: number }) => `member-list-body-room-${room.id}`;

/** What a change of the room's people replaces or removes on open pages (src/rooms/member-changes.tsx). */
export const memberTotalId = (room: { id: number }) => `member-total-room-${room.id}`;
export const memberRowId = (room: { id: number }, member: { id: number }) => `member-room-${room.id}-${member.id}`;
export const memberRoleId = (room: { id: number }, member: { id: number }) =>
  `member-role-room-${room.id}-${member.id}`;

/** The list shows this many; a room with more says how many more. */
export const membersShown = 100;

/** What the reader may do to one member (worked out by src/rooms/access.ts, which views cannot ask). */
export interface MemberActions {
  remove: boolean;
  ban: boolean;
  /** Make moderator / make member: the owner's. */
  role: boolean;
}

export interface MemberListProps {
  room: { id: number; slug: string; name: string };
  members: RoomMember[];
  /** Everyone in the room, not only those listed. */
  count: number;
  /** Who has the room open now. */
  here: ReadonlySet<number>;
  /** What the reader may do to each member; absent: nothing (an ordinary member, a preview). */
  actions?: (member: RoomMember) => MemberActions;
  /** Whether the reader runs the room (owner, moderator): the list links to the members page. */
  manages?: boolean;
}

const roleNames = { owner: "Owner", moderator: "Moderator", member: null } as const;

/** A member's role tag; an ordinary member's is empty, so a new role has its place to go. */
export const MemberRole = ({ room, member }: { room: { id: number }; member: Pick<RoomMember, "id" | "role"> }) => {
  const role = roleNames[member.role];
  return (
    <span id={memberRoleId(room, member)} class={role ? `role-tag ${member.role}` : undefined}>
      {role}
    </span>
  );
};

/** Remove, ban, and the owner's make/unmake moderator, behind one button per member. */
const MemberControls = ({
  room,
  member,
  can,
}: {
  room: MemberListProps["room"];
  member: RoomMember;
  can: MemberActions;
}) => {
  const { to } = usePaths();
  if (!can.remove && !can.ban && !can.role) return null;
  const name = member.displayName ?? member.username;
  const at = (action: string) => to(`/rooms/${room.slug}/members/${member.username}/${action}`);
  return (
    <details class="member-manage">
      <summary aria-label={`Manage ${name}`}>
        <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
          <circle cx="4" cy="10" r="1.6" fill="currentColor" />
          <circle cx="10" cy="10" r="1.6" fill="currentColor" />
          <circle cx="16" cy="10" r="1.6" fill="currentColor" />
        </svg>
      </summary>
      <div class="menu">
        {can.role ? (
          <MenuAction
            action={at("role")}
            label={member.role === "moderator" ? "Make member" : "Make moderator"}
            field={{ name: "role", value: member.role === "moderator" ? "member" : "moderator" }}
          />
        ) : null}
        {can.remove ? <MenuAction action={at("remove")} label="Remove from room" danger /> : null}
        {can.ban ? <MenuAction action={at("ban")} label="Ban from room" danger /> : null}
      </div>
    </details>
  );
};

/** One entry of a member's menu: a plain form post (no script needed), with a field if it takes one. */
const MenuAction = ({
  action,
  label,
  field,
  danger = false,
}: {
  action: string;
  label: string;
  field?: { name: string; value: string };
  danger?: boolean;
}) => (
  <form method="post" action={action}>
    {field ? <input type="hidden" name={field.name} value={field.value} /> : null}
    <button type="submit" class={danger ? "danger" : undefined}>
      {label}
    </button>
  </form>
);

export const MemberTotal = ({ room, count }: { room: { id: number }; count: number }) => (
  <span class="member-total" id={memberTotalId(room)}>
    {count}
  </span>
);

/** The DOM id of the member list's rows: a member added while it is open joins them live. */
export const memberRowsId = (room: { id: number }) => `member-rows-room-${room.id}`;

/**
 * One member's row: name, avatar, role, whether they are here now, and the viewer's controls
 * over them (none in a row sent to everyone alike: the list asks again when next opened).
 */
export const MemberRow = ({
  room,
  member,
  here,
  controls = null,
}: {
  room: Pick<Room, "id">;
  member: RoomMember;
  here: boolean;
  controls?: Child;
}) => {
  const { to } = usePaths();
  return (
    <li class="member" id={memberRowId(room, member)} data-username={member.username} data-role={member.role}>
      <a href={to(`/u/${member.username}`)}>
        <Avatar person={member} size="small" />
        <span class="member-name">
          {member.displayName ?? member.username}
          {member.kind === "guest" ? <span class="guest-tag">guest</span> : null}
        </span>
        <MemberRole room={room} member={member} />
        {here ? (
          <span class="here-now">
            <span class="here-dot" aria-hidden="true" />
            here now
          </span>
        ) : null}
      </a>
      {controls}
    </li>
  );
};

/** Who is in the room: name, avatar, role, and whether they are here now (those first). */
export const MemberListBody = ({ room, members, count, here, actions, manages }: MemberListProps) => {
  const { to } = usePaths();
  const ordered = [...members.filter((m) => here.has(m.id)), ...members.filter((m) => !here.has(m.id))];
  return (
    <div id={memberListBodyId(room)} class="member-list-body">
      <h2>
        Members <MemberTotal room={room} count={count} />
      </h2>
      <ul id={memberRowsId(room)}>
        {ordered.map((member) => (
          <MemberRow
            room={room}
            member={member}
            here={here.has(member.id)}
            controls={actions ? <MemberControls room={room} member={member} can={actions(member)} /> : null}
          />
        ))}
      </ul>
      {count > members.length ? <p class="member-more">{`and ${count - members.length} more`}</p> : null}
      {manages ? (
        <p class="member-manage-link">
          <a href={to(`/rooms/${room.slug}/members`)}>Add people, invite links and bans</a>
        </p>
      ) : null}
    </div>
  );
};

/**
 * A popover (no script needed to open it); opening it asks for the list again, so "here now"
 * is current whenever someone looks.
 */
export const MemberList = (props: MemberListProps) => {
  const { to } = usePaths();
  return (
    <div
      id={memberListId(props.room)}
      class="member-list"
      popover="auto"
      role="dialog"
      aria-label={`Members of ${props.room.name}`}
      hx-get={to(`/rooms/${props.room.slug}/members`)}
      hx-trigger="toggle"
      hx-swap="none"
    >
      <MemberListBody {...props} />
    </div>
  );
};

export const MemberListRefresh = (props: MemberListProps) => (
  <Replace target={memberListBodyId(props.room)}>
    <MemberListBody {...props} />
  </Replace>
);
