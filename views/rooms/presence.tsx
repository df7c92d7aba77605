import type { Child } from "hono/jsx";
import type { User } from "../../src/store/records.ts";
import { Replace } from "../messages/stream.tsx";
import { usePaths } from "../paths.ts";
import { Avatar } from "../users/avatar.tsx";

type Person = Pick<User, "id" | "username" | "displayName" | "avatar"> & Partial<Pick<User, "kind">>;

/** The DOM ids presence updates replace: the header's counts and the sidebar's list. */
export const membersId = (room: { id: number }) => `members-room-${room.id}`;
export const hereId = (room: { id: number }) => `here-room-${room.id}`;
export const presentId = (room: { id: number }) => `present-room-${room.id}`;

/** The header shows this many faces of who is here; the count says the rest. */
const facesShown = 5;

export const MemberCount = ({ room, members }: { room: { id: number }; members: number }) => (
  <span id={membersId(room)}>{members === 1 ? "1 member" : `${members} members`}</span>
);

/** "2 here" with the first few faces; empty until the room's socket says who is here. */
export const HereCount = ({ room, people }: { room: { id: number }; people: Person[] }) => (
  <span id={hereId(room)} class="here">
    {people.length ? (
      <>
        <span class="faces">
          {people.slice(0, facesShown).map((person) => (
            <Avatar person={person} size="small" />
          ))}
        </span>
        <span class="here-count">{`${people.length} here`}</span>
      </>
    ) : null}
  </span>
);

export const PresentList = ({ room, people }: { room: { id: number }; people: Person[] }) => {
  const { to } = usePaths();
  return (
    <ul id={presentId(room)} class="present">
      {people.map((person) => (
        <li>
          <a href={to(`/u/${person.username}`)}>
            <Avatar person={person} size="small" />
            <span class="present-name">{person.displayName ?? person.username}</span>
            {/* A guest picked their name a moment ago: the list says so, as their messages do. */}
            {person.kind === "guest" ? <span class="guest-tag">guest</span> : null}
          </a>
        </li>
      ))}
    </ul>
  );
};

/**
 * Who is in the room now: one frame updates the header's counts (someone arriving for the first
 * time is a new member too) and the sidebar's list.
 */
export const PresenceUpdate = ({
  room,
  people,
  members,
}: {
  room: { id: number };
  people: Person[];
  members: number;
}): Child => (
  <>
    <Replace target={membersId(room)}>
      <MemberCount room={room} members={members} />
    </Replace>
    <Replace target={hereId(room)}>
      <HereCount room={room} people={people} />
    </Replace>
    <Replace target={presentId(room)}>
      <PresentList room={room} people={people} />
    </Replace>
  </>
);
