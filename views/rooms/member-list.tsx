import type { User } from "../../src/store/records.ts";
import { Replace } from "../messages/stream.tsx";
import { usePaths } from "../paths.ts";
import { Avatar } from "../users/avatar.tsx";

type Member = Pick<User, "id" | "username" | "displayName" | "avatar" | "kind">;

/** The popover the header's member count opens, and the list inside it that a refresh replaces. */
export const memberListId = (room: { id: number }) => `member-list-room-${room.id}`;
export const memberListBodyId = (room: { id: number }) => `member-list-body-room-${room.id}`;

/** The list shows this many; a room with more says how many more. */
export const membersShown = 100;

export interface MemberListProps {
  room: { id: number; slug: string; name: string };
  members: Member[];
  /** Everyone in the room, not only those listed. */
  count: number;
  /** Who has the room open now. */
  here: ReadonlySet<number>;
}

/** Who is in the room: name, avatar, and whether they are here now (those first). */
export const MemberListBody = ({ room, members, count, here }: MemberListProps) => {
  const { to } = usePaths();
  const ordered = [...members.filter((m) => here.has(m.id)), ...members.filter((m) => !here.has(m.id))];
  return (
    <div id={memberListBodyId(room)} class="member-list-body">
      <h2>
        Members <span class="member-total">{count}</span>
      </h2>
      <ul>
        {ordered.map((member) => (
          <li>
            <a href={to(`/u/${member.username}`)}>
              <Avatar person={member} size="small" />
              <span class="member-name">
                {member.displayName ?? member.username}
                {member.kind === "guest" ? <span class="guest-tag">guest</span> : null}
              </span>
              {here.has(member.id) ? (
                <span class="here-now">
                  <span class="here-dot" aria-hidden="true" />
                  here now
                </span>
              ) : null}
            </a>
          </li>
        ))}
      </ul>
      {count > members.length ? <p class="member-more">{`and ${count - members.length} more`}</p> : null}
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
