import { apiTokenQueries } from "./api-tokens.ts";
import { deploymentQueries } from "./deployment.ts";
import type { Dialect } from "./dialect.ts";
import { embedQueries } from "./embeds.ts";
import { fileQueries } from "./files.ts";
import { inviteQueries } from "./invites.ts";
import { memberQueries } from "./members.ts";
import { messageQueries } from "./messages.ts";
import { pushSubscriptionQueries } from "./push-subscriptions.ts";
import type {
  ApiToken,
  EmbedSettings,
  FoundMessage,
  JoinedRoom,
  Message,
  MessageAuthor,
  NotifyChoice,
  Paged,
  ReadState,
  RepliedMessage,
  Room,
  RoomActivity,
  RoomInvite,
  RoomMember,
  RoomOverview,
  RoomRole,
  Standing,
  StoredFile,
  User,
  UserKind,
} from "./records.ts";
import { roomQueries } from "./rooms.ts";
import { searchQueries } from "./search.ts";
import { sessionQueries } from "./sessions.ts";
import { type ProfileChange, userQueries } from "./users.ts";

/**
 * The storage port: async functions over plain records, so chat rules never know whether
 * SQLite answers synchronously or PostgreSQL answers later. Each family's queries are written
 * once (users.ts, rooms.ts, messages.ts…, over the tables of `tables.ts`); each database adds
 * a `Dialect` (dialect.ts). SQLite's: `sqlite-dialect.ts`, its column kinds in `schema.ts`, and
 * what a synchronous driver needs (`sync-sqlite.ts`, `group-commit.ts`, `room-places.ts`,
 * `drivers/`); PostgreSQL's: `pg/`. One contract suite (`test/store/contract.ts`) runs on both.
 */
export interface Store {
  users: UserQueries;
  sessions: SessionQueries;
  apiTokens: ApiTokenQueries;
  rooms: RoomQueries;
  messages: MessageQueries;
  deployment: DeploymentQueries;
  files: FileQueries;
  embeds: EmbedQueries;
  members: MemberQueries;
  invites: InviteQueries;
  search: SearchQueries;
  pushSubscriptions: PushSubscriptionQueries;
  /**
   * For health checks: "up" when a read and a committed write both work, "read-only" when
   * reads work but writes fail (disk full, read-only file, locked past the busy timeout),
   * "down" when nothing answers.
   */
  check(now: Date): Promise<"up" | "read-only" | "down">;
  /** Hears how long each group commit of messages took, in seconds (the metrics); one listener. */
  onCommit?(listener: (seconds: number) => void): void;
  close(): Promise<void>;
}

export interface UserQueries {
  /** Null when the username is taken (usernames are compared lower-case). */
  create(username: string, passwordHash: string): Promise<User | null>;
  findByUsername(username: string): Promise<(User & { passwordHash: string }) | null>;
  findById(id: number): Promise<User | null>;
  /** Which of these usernames belong to someone, lower-case, each once (what @mentions may link to). */
  existing(usernames: string[]): Promise<string[]>;
  /** `avatar` is a stored file's hash: its row must exist first (a foreign key). */
  setProfile(id: number, change: ProfileChange): Promise<void>;
  passwordHashOf(id: number): Promise<string | null>;
  setPasswordHash(id: number, passwordHash: string): Promise<void>;
  /**
   * A person who speaks only in embedded rooms (no password: they cannot log in). With an
   * `externalId`, the same id again is the same user, their name updated; null when the
   * username is taken (callers draw another).
   */
  createEmbedded(person: {
    username: string;
    displayName: string;
    kind: "guest" | "external";
    externalId?: string;
    /** A host app's picture of them (the kit's identify); kept current like the name. */
    avatarUrl?: string | null;
  }): Promise<User | null>;
  /** Deactivates the person (a time) or reactivates them (null); their messages stay. */
  setDeactivated(id: number, at: Date | null): Promise<void>;
  /** The first account ever made (lowest id of kind "account"): an administrator. Null before any. */
  firstAccountId(): Promise<number | null>;
  /** Everyone, in the order they came (id order), one page at a time. */
  page(page: { limit: number; offset: number }): Promise<Paged<User>>;
}

export interface EmbedQueries {
  /** The room's embedding settings; null when its creator never set any. */
  settings(roomId: number): Promise<EmbedSettings | null>;
  /** Saves origins and guests; `secret` is stored only when the room has none yet. */
  save(roomId: number, change: { allowedOrigins: string[]; guests: boolean }, secret: string): Promise<EmbedSettings>;
  /** Replaces the signing secret: tokens signed with the old one stop working. */
  setSecret(roomId: number, secret: string): Promise<void>;
  /**
   * Records a host-signed token's use until it expires; false when it was used already (a
   * replay). Forgets the expired ones on the way.
   */
  claimToken(digest: string, expiresAt: Date, now: Date): Promise<boolean>;
}

export interface SessionQueries {
  /** `roomId` scopes the session to one room's embed (src/embed/): it opens nothing else. */
  create(id: string, userId: number, expiresAt: Date, roomId?: number | null): Promise<void>;
  /** The session's user, if the session exists and has not expired; `roomId` set for an embed's session. */
  find(id: string, now: Date): Promise<{ user: User; expiresAt: Date; roomId: number | null } | null>;
  extend(id: string, expiresAt: Date): Promise<void>;
  delete(id: string): Promise<void>;
  /** Ends every session of the user but `keep` (after a password change). */
  deleteOthers(userId: number, keep: string): Promise<void>;
  /** Ends a room's embed sessions (of one kind of person, or all); their ids, to close their sockets. */
  deleteForRoom(roomId: number, kind?: UserKind): Promise<string[]>;
  deleteExpired(now: Date): Promise<void>;
}

export interface ApiTokenQueries {
  create(userId: number, name: string, tokenHash: string): Promise<ApiToken>;
  /** Newest first. */
  listFor(userId: number): Promise<ApiToken[]>;
  /** The token's owner; records the use so the settings page can show it. */
  use(tokenHash: string, now: Date): Promise<User | null>;
  revoke(userId: number, id: number): Promise<void>;
  /** Revokes every token of the user; how many there were. */
  revokeAll(userId: number): Promise<number>;
}

export interface RoomQueries {
  /** Null when the slug is taken. */
  create(room: {
    name: string;
    slug: string;
    topic: string;
    createdBy: number;
    visibility?: "public" | "private";
  }): Promise<Room | null>;
  findBySlug(slug: string): Promise<Room | null>;
  /** Room names differ only in case at most: "General" and "general" are one name. */
  findByName(name: string): Promise<Room | null>;
  setTopic(roomId: number, topic: string): Promise<void>;
  memberCount(roomId: number): Promise<number>;
  /** Public rooms, most recently active first: all of them, or one page; without those `exceptJoinedBy` has joined. */
  listWithActivity(page?: { limit: number; offset: number }, exceptJoinedBy?: number): Promise<RoomActivity[]>;
  /** The rooms a user has joined, most recently active first, with what they have not read there. */
  listJoinedBy(userId: number): Promise<JoinedRoom[]>;
  /** What the person has not read in one room (zeros when they are not in it). */
  readState(roomId: number, userId: number): Promise<ReadState & { notify: NotifyChoice }>;
  /** Moves the person's read mark forward to `messageId` (never back); the mark it ends at. */
  markRead(roomId: number, userId: number, messageId: number): Promise<number>;
  setNotify(roomId: number, userId: number, notify: NotifyChoice): Promise<void>;
  /** Idempotent: leaving a room one is not in does nothing. */
  leave(roomId: number, userId: number): Promise<void>;
  /** Whether the person is a member (and as what) and whether they are banned: what access decides from. */
  standing(roomId: number, userId: number): Promise<Standing>;
  /** Idempotent: joining twice keeps the first join. A newcomer has read what came before. */
  join(roomId: number, userId: number): Promise<void>;
  /** Public names are unique whatever their case: the caller checks with findPublicByName first. */
  rename(roomId: number, name: string): Promise<void>;
  /** The room and everything of it (messages, memberships, bans, invites, embed settings, its sessions). */
  delete(roomId: number): Promise<void>;
  /** A public room by name, whatever its case: only those may tell that a name is taken. */
  findPublicByName(name: string): Promise<Room | null>;
  /**
   * The direct room of exactly these people (ids), made with all of them as members when they
   * have none yet (`room`: its generated name and slug); null only when that slug was taken.
   */
  openDirect(room: { name: string; slug: string; createdBy: number }, people: number[]): Promise<Room | null>;
  /** Every room of every kind, in the order they were made, with its counts and creator: the administration's list. */
  overview(page: { limit: number; offset: number }): Promise<Paged<RoomOverview>>;
}

/** Who is in a room and as what, and who is banned from it (owners and moderators change these). */
export interface MemberQueries {
  /** The room's members with their roles, by the name each shows, at most `limit`. */
  roster(roomId: number, limit: number): Promise<RoomMember[]>;
  /** Makes the person a member as `role`; false (nothing changed) when they already are one. */
  add(roomId: number, userId: number, role?: RoomRole): Promise<boolean>;
  /** False when the person is not a member. */
  setRole(roomId: number, userId: number, role: RoomRole): Promise<boolean>;
  /** Ends the membership; false when there was none. */
  remove(roomId: number, userId: number): Promise<boolean>;
  /** Ends the membership and keeps the person out until unbanned. Idempotent. */
  ban(roomId: number, userId: number, bannedBy: number | null): Promise<void>;
  unban(roomId: number, userId: number): Promise<void>;
  /** The people banned from the room, by username. */
  banned(roomId: number): Promise<User[]>;
}

/** Invite links: stored by the digest of their code, live until they expire or are revoked. */
export interface InviteQueries {
  create(invite: { roomId: number; codeHash: string; createdBy: number; expiresAt: Date }): Promise<RoomInvite>;
  /** The invite and its room's slug while it lasts; null when unknown, expired or revoked. */
  findLive(codeHash: string, now: Date): Promise<{ invite: RoomInvite; slug: string } | null>;
  /** The room's invites that still work, newest first. */
  listLive(roomId: number, now: Date): Promise<RoomInvite[]>;
  /** False when the room has no such live invite. */
  revoke(roomId: number, id: number, now: Date): Promise<boolean>;
}

/**
 * A message's `id` is its room's order key: within a room, a message with a lower id was
 * committed before one with a higher id, on every adapter, so `after=<id>` never skips one
 * (docs/architecture.md, "Order keys"). Ids are also unique across rooms.
 */
export interface MessageQueries {
  /**
   * One write; the returned id is the message's place in the room's order. With a `clientKey`
   * the sender already used in this room, nothing is written and the first message is returned.
   */
  insert(
    roomId: number,
    author: MessageAuthor,
    body: string,
    clientKey?: string | null,
    image?: StoredFile | null,
    replyTo?: RepliedMessage | null,
  ): Promise<{ message: Message; created: boolean }>;
  /** One message of the room as pages show it, deleted ones too (`deletedAt` set); null if none. */
  find(roomId: number, id: number): Promise<Message | null>;
  /**
   * Reads below return deleted messages too (`deletedAt` set, no text): they keep the room's
   * places whole for a page's cursor; what shows them leaves them out.
   * The newest `limit` messages, in id order.
   */
  latest(roomId: number, limit: number): Promise<Message[]>;
  /** The newest `limit` messages older than `id`, in id order. */
  before(roomId: number, id: number, limit: number): Promise<Message[]>;
  /**
   * The oldest `limit` messages newer than `id`, in id order. Within a room ids follow commit
   * order, so a reader who has every message up to `id` misses none committed later.
   */
  after(roomId: number, id: number, limit: number): Promise<Message[]>;
  /** The oldest `limit` messages changed after change number `changeSeq`, in change order. */
  changedSince(roomId: number, changeSeq: number, limit: number): Promise<Message[]>;
  /** The oldest `limit` messages whose latest change was at or after `since`, in change order. */
  changedAt(roomId: number, since: Date, limit: number): Promise<Message[]>;
  /** The room's newest change number (0 if nothing ever changed): where a page that has it all is. */
  lastChange(roomId: number): Promise<number>;
  /**
   * New text (marked edited at `at`); null when the message is not in the room or deleted.
   * `read`: the message as the caller just read it; unless another change came in between, the
   * result is that copy changed, and the message is not read again.
   */
  edit(roomId: number, id: number, body: string, at: Date, read?: Message): Promise<Message | null>;
  /** Deletes: the row stays with its place, its text, image, reactions and mentions go. Null and `read` as for edit. */
  remove(roomId: number, id: number, at: Date, read?: Message): Promise<Message | null>;
  /** Adds (`on`) or takes back one person's emoji; null as for edit. A repeat changes nothing but the number. */
  react(
    roomId: number,
    id: number,
    reaction: { userId: number; emoji: string; on: boolean },
    at: Date,
  ): Promise<Message | null>;
  /**
   * Numbers a change that writes nothing but the number on each standing reply to `id`, a message
   * just deleted (their quotes now say so), in one statement; resolves with them, in id order.
   */
  touchReplies(roomId: number, id: number, at: Date): Promise<Message[]>;
  /** The ids of the messages of the room that answer `id`. */
  repliesTo(roomId: number, id: number): Promise<number[]>;
  /** The id of the newest message stored before `at` in any room (0 if none): a resync's mark. */
  newestIdBefore(at: Date): Promise<number>;
  /**
   * Records whom a message mentions, by username (unknown names are skipped); resolves with
   * the ids of the people newly mentioned. `replacing` (an edit): names no longer given stop
   * counting, and those mentioned before are not mentioned again.
   */
  addMentions(
    roomId: number,
    messageId: number,
    usernames: string[],
    options?: { replacing?: boolean },
  ): Promise<number[]>;
}

/** Finding messages again by their words. */
export interface SearchQueries {
  /**
   * The newest `limit` messages (older than `before`, when given) that hold every one of `words`,
   * newest first: in room `roomId` (whoever calls has checked the reader may see it), else in every
   * room the reader is a member of. Deleted messages are never found; edited ones by their new text.
   */
  messages(search: {
    words: string[];
    readerId: number;
    roomId?: number;
    before?: number;
    limit: number;
  }): Promise<FoundMessage[]>;
}

export interface DeploymentQueries {
  /**
   * The value kept under `key`, storing `proposed` if there is none yet; instances starting
   * together on a new database all get the first one stored.
   */
  claim(key: string, proposed: string): Promise<string>;
}

/** A browser's Push API subscription: where to send, and the keys to encrypt to (base64url). */
export interface PushSubscriptionKeys {
  endpoint: string;
  p256dh: string;
  auth: string;
}

export interface PushSubscriptionQueries {
  /** Keeps the subscription for the person; an endpoint already kept moves to them, with its new keys. */
  save(userId: number, subscription: PushSubscriptionKeys): Promise<void>;
  /** Drops the person's subscription at `endpoint`; false when they had none there. */
  remove(userId: number, endpoint: string): Promise<boolean>;
  /** Drops the subscription at `endpoint`, whoever's: its push service said it is gone. */
  forget(endpoint: string): Promise<void>;
  listFor(userId: number): Promise<(PushSubscriptionKeys & { userId: number })[]>;
  /**
   * The subscriptions of the room's members who may hear of a new message there: the `mentioned`,
   * or (a direct room) everyone `allBut` its author; only those whose notify choice is not "none".
   */
  recipients(
    roomId: number,
    who: { mentioned: number[] } | { allBut: number },
  ): Promise<(PushSubscriptionKeys & { userId: number })[]>;
}

export interface FileQueries {
  /** Records a file written to disk; the row of an earlier upload of the same bytes is kept as it is. */
  record(file: StoredFile): Promise<void>;
  find(hash: string): Promise<StoredFile | null>;
  /**
   * Who may fetch a stored file: "everyone" when it is an avatar or an image in a public room;
   * "members" when `viewer` is in a room (not banned) whose messages use it; else null.
   */
  audience(hash: string, viewer: number | null): Promise<"everyone" | "members" | null>;
}

/** The store over a database: the queries written once, on that database's dialect. */
export function createStore(dialect: Dialect): Store {
  const { db, tables } = dialect;
  return {
    users: userQueries(dialect),
    sessions: sessionQueries(dialect),
    apiTokens: apiTokenQueries(dialect),
    rooms: roomQueries(dialect),
    messages: messageQueries(dialect),
    deployment: deploymentQueries(dialect),
    files: fileQueries(dialect),
    embeds: embedQueries(dialect),
    members: memberQueries(dialect),
    invites: inviteQueries(dialect),
    search: searchQueries(dialect),
    onCommit: (listener) => dialect.commits?.listen(listener),
    pushSubscriptions: pushSubscriptionQueries(dialect),
    async check(now) {
      const { healthProbe } = tables;
      try {
        await db.select({ id: healthProbe.id }).from(healthProbe).limit(1);
      } catch {
        return "down";
      }
      try {
        await db
          .insert(healthProbe)
          .values({ id: 1, checkedAt: now })
          .onConflictDoUpdate({ target: healthProbe.id, set: { checkedAt: now } });
        return "up";
      } catch {
        // A full disk or read-only file; on PostgreSQL a standby, or default_transaction_read_only.
        return "read-only";
      }
    },
    close: () => dialect.close(),
  };
}
