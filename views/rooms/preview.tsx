import type { JoinedRoom, Room, RoomMember, User } from "../../src/store/records.ts";
import { Layout } from "../layout.tsx";
import type { ShownMessage } from "../messages/message.tsx";
import { mentionName } from "../messages/rich-text.ts";
import { usePaths } from "../paths.ts";
import { MemberList } from "./member-list.tsx";
import { RoomHeader } from "./show.tsx";
import { RoomsSidebar } from "./sidebar.tsx";
import { type Linked, RoomStage, type Whole } from "./stage.tsx";

type Person = Pick<User, "id" | "username" | "displayName" | "avatar">;

/**
 * A room someone has not joined, as its link opens it: what was said lately, who is in it, and
 * a Join button where the composer would be. Opening a link joins nothing: a room appears in
 * someone's list, unread counts and notifications only once they chose it. No socket: the page
 * is a look, not a presence.
 */
export const RoomPreviewPage = ({
  user,
  room,
  rooms,
  members,
  present,
  messages,
  hasOlder,
  whole,
  linked,
  memberList,
}: {
  user: User;
  room: Room;
  rooms: JoinedRoom[];
  members: number;
  present: Person[];
  messages: ShownMessage[];
  hasOlder: boolean;
  /** Where the page is whole (views/rooms/stage.tsx). */
  whole: Whole;
  /** The message the page was opened at (`?at=`). */
  linked?: Linked;
  memberList: RoomMember[];
}) => {
  const { to } = usePaths();
  return (
    <Layout title={room.name} user={user} sidebar={<RoomsSidebar rooms={rooms} current={room} present={[]} />}>
      <section
        class="room preview"
        aria-label={room.name}
        data-room-slug={room.slug}
        data-me={user.username}
        data-me-mention={mentionName(user.username)}
        data-read-up-to={messages.at(-1)?.id ?? 0}
      >
        <RoomHeader room={room} members={members} present={present} canEdit={false} />
        <MemberList room={room} members={memberList} count={members} here={new Set(present.map((p) => p.id))} />
        <RoomStage room={room} messages={messages} hasOlder={hasOlder} whole={whole} linked={linked} />
        <form method="post" action={to(`/rooms/${room.slug}/join`)} class="join-bar">
          <p>
            You are looking at <strong>{room.name}</strong>. Join to send messages, and to see it in your rooms with its
            unread count.
          </p>
          <button type="submit">Join room</button>
        </form>
      </section>
    </Layout>
  );
};
