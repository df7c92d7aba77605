import type { JoinedRoom, NotifyChoice, Room, RoomMember, User } from "../../src/store/records.ts";
import { trusted } from "../escape.ts";
import { Layout } from "../layout.tsx";
import type { ShownMessage } from "../messages/message.tsx";
import { mentionName } from "../messages/rich-text.ts";
import { usePaths } from "../paths.ts";
import { searchHref } from "../search/search-href.ts";
import { AttachImage } from "./attach-image.tsx";
import { Composer } from "./composer.tsx";
import { MemberList, type MemberListProps, memberListId } from "./member-list.tsx";
import { MessageActions } from "./message-actions.tsx";
import { NoScriptDeletes } from "./no-script-deletes.tsx";
import { HereCount, MemberCount } from "./presence.tsx";
import { NotifyChoices, ReadMark } from "./read-state.tsx";
import { RoomsSidebar, sidebarId } from "./sidebar.tsx";
import { type Linked, RoomStage, type Whole } from "./stage.tsx";
import { topicHtml } from "./topic-text.ts";
import { TypingLine, TypingSignal } from "./typing.tsx";

type Person = Pick<User, "id" | "username" | "displayName" | "avatar">;

/** The DOM id of the room's topic line: a changed topic replaces it live. */
export const topicId = (room: { id: number }) => `topic-room-${room.id}`;

/** The topic, formatted as messages are (topic-text.ts). */
export const RoomTopic = ({ room }: { room: Room }) => (
  <span class="topic" id={topicId(room)}>
    {room.topic ? trusted(topicHtml(room.topic, { links: true })) : null}
  </span>
);

/** The DOM id of the header's room name: a rename replaces it live. */
export const roomNameId = (room: { id: number }) => `name-room-${room.id}`;

export const RoomTitleName = ({ room }: { room: Pick<Room, "id" | "name"> }) => (
  <h1 id={roomNameId(room)}>{room.name}</h1>
);

/**
 * The room's name, topic and member count (which opens the member list), with the phone
 * layout's button for the sidebar and, for a member, the room's menu (for its creator, the way
 * to its settings).
 */
export const RoomHeader = ({
  room,
  members,
  present,
  canEdit,
  notify,
}: {
  room: Room;
  members: number;
  present: Person[];
  canEdit: boolean;
  /** Absent for someone looking at a room they have not joined: nothing to notify or leave. */
  notify?: NotifyChoice;
}) => {
  const { to } = usePaths();
  return (
    <header class="room-header">
      <button type="button" class="rooms-toggle" popovertarget={sidebarId} aria-label="Your rooms">
        <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
          <path d="M3 5h14M3 10h14M3 15h14" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
        </svg>
      </button>
      <div class="room-title">
        <RoomTitleName room={room} />
        <p class="room-meta">
          <button type="button" class="member-count" popovertarget={memberListId(room)}>
            <MemberCount room={room} members={members} />
            <HereCount room={room} people={present} />
          </button>
          <RoomTopic room={room} />
        </p>
      </div>
      <a class="room-search" href={to(searchHref({ room: room.slug }))} title="Search this room">
        <span class="visually-hidden">Search this room</span>
        <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
          <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" stroke-width="2" />
          <path d="M13 13l4.5 4.5" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
        </svg>
      </a>
      {/* A menu that needs no script: the room's own actions, out of the way on every width. */}
      {notify ? (
        <details class="room-menu">
          <summary aria-label="Room options">
            <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
              <circle cx="4" cy="10" r="1.8" fill="currentColor" />
              <circle cx="10" cy="10" r="1.8" fill="currentColor" />
              <circle cx="16" cy="10" r="1.8" fill="currentColor" />
            </svg>
          </summary>
          <div class="menu">
            <NotifyChoices room={room} notify={notify} />
            <button type="button" data-action="allow-notifications" hidden>
              Allow desktop notifications
            </button>
            {canEdit ? <a href={to(`/rooms/${room.slug}/settings`)}>Room settings</a> : null}
            <form method="post" action={to(`/rooms/${room.slug}/leave`)}>
              <button type="submit" class="leave-room">
                Leave room
              </button>
            </form>
          </div>
        </details>
      ) : null}
    </header>
  );
};

/**
 * The room: history rendered with the same Message partial as live broadcasts. The socket
 * resumes after the newest message shown (static/connection.js keeps `after` current and decides
 * when to reconnect); hx-swap="none" keeps a stray frame from replacing the room (only
 * <hx-partial> envelopes are swapped in).
 */
export const RoomPage = ({
  user,
  room,
  rooms,
  members,
  present,
  read,
  messages,
  hasOlder,
  whole,
  linked,
  memberList,
  nonce,
  actions,
  manages = false,
}: {
  user: User;
  room: Room;
  /** The reader's rooms, for the sidebar. */
  rooms: JoinedRoom[];
  members: number;
  /** Who is in the room now; the socket keeps it current. */
  present: Person[];
  /** The reader's read mark (messages after it are marked new) and notification choice. */
  read: { lastReadId: number; notify: NotifyChoice };
  messages: ShownMessage[];
  hasOlder: boolean;
  /** Where the page is whole (views/rooms/stage.tsx). */
  whole: Whole;
  /** The message the page was opened at (`?at=`). */
  linked?: Linked;
  /** The first members, for the member list. */
  memberList: RoomMember[];
  /** The composer's idempotency nonce (see composer.tsx). */
  nonce: string;
  /** What the reader may do to each member (owners and moderators). */
  actions?: MemberListProps["actions"];
  /** Whether the reader runs the room (owner, moderator): its settings and members page. */
  manages?: boolean;
}) => {
  const { to } = usePaths();
  // Where the page is whole, not the newest it shows: a page opened far back shows old messages.
  const lastId = whole.through?.id ?? messages.at(-1)?.id ?? 0;
  return (
    <Layout title={room.name} user={user} sidebar={<RoomsSidebar rooms={rooms} current={room} present={present} />}>
      <section
        class="room"
        aria-label={room.name}
        hx-ws:connect={to(`/rooms/${room.slug}/ws?after=${lastId}`)}
        hx-swap="none"
        data-room-slug={room.slug}
        data-me={user.username}
        data-me-mention={mentionName(user.username)}
        data-notify={read.notify}
        data-read-up-to={read.lastReadId}
      >
        <RoomHeader room={room} members={members} present={present} canEdit={manages} notify={read.notify} />
        <MemberList
          room={room}
          members={memberList}
          count={members}
          here={new Set(present.map((p) => p.id))}
          actions={actions}
          manages={manages}
        />
        <RoomStage room={room} messages={messages} hasOlder={hasOlder} whole={whole} linked={linked} />
        <MessageActions room={room} manages={manages} />
        <NoScriptDeletes room={room} user={user} messages={messages} manages={manages} />
        <TypingLine room={room} />
        <Composer room={room} nonce={nonce} />
        <AttachImage room={room} nonce={nonce} />
        <TypingSignal room={room} />
        <ReadMark />
      </section>
    </Layout>
  );
};
