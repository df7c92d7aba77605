/** Plain records the store hands out; chat rules and views depend on these, never on drizzle. */
export interface User {
  id: number;
  username: string;
  createdAt: Date;
  /** Shown instead of the username where set (1–64 characters, one line); null when none. */
  displayName: string | null;
  /** At most 255 characters, line breaks kept; empty when none. */
  bio: string;
  /**
   * The uploaded avatar, else the picture a host app links to (the kit's identify); null shows
   * the generated default (initials on a colour).
   */
  avatar: StoredImage | LinkedImage | null;
  kind: UserKind;
  /** Set while an administrator has the account deactivated (src/admin/): no sign-in, no token, no socket. */
  deactivatedAt: Date | null;
}

/**
 * "account": signed up with a password, the only kind that can log in; "guest": a nickname
 * picked in an embedded room; "external": vouched for by an embedding site's signed token.
 */
export type UserKind = "account" | "guest" | "external";

/** Who may see a room (src/rooms/access.ts): listed to all, members only, or a direct conversation. */
export type RoomVisibility = "public" | "private" | "direct";

/** A member's say in a room: owners make moderators; both moderate. */
export type RoomRole = "owner" | "moderator" | "member";

/** How a room may be embedded in other sites (src/embed/); null settings mean it may not. */
export interface EmbedSettings {
  /** Origins that may frame the room; empty: none may. */
  allowedOrigins: string[];
  /** Whether visitors may pick a nickname and speak as guests. */
  guests: boolean;
  /** Signs embedding sites' tokens (HS256). */
  secret: string;
}

/** A stored image as pages link to it: `/files/<name>`, with its pixel size. */
export interface StoredImage {
  /** `<sha-256 hex>.<ext>`. */
  name: string;
  width: number;
  height: number;
}

/** A picture at an address a host app gave (https, or a path of its own site): never stored here. */
export interface LinkedImage {
  url: string;
}

/** An uploaded file's row: its bytes are on disk under its hash (src/files/). */
export interface StoredFile {
  /** SHA-256 of the bytes, hex. */
  hash: string;
  type: "image/png" | "image/jpeg" | "image/webp" | "image/gif";
  width: number;
  height: number;
  bytes: number;
}

export interface Room {
  id: number;
  slug: string;
  name: string;
  /** Empty when the room has none. */
  topic: string;
  /** Null when the creator's account is gone. */
  createdBy: number | null;
  createdAt: Date;
  visibility: RoomVisibility;
}

/** What a person is to a room: everything src/rooms/access.ts decides from. */
export interface Standing {
  /** Their role when they are a member; null when they are not. */
  role: RoomRole | null;
  banned: boolean;
}

export interface RoomActivity extends Room {
  /** The newest message, if any: what the home page shows as latest activity. */
  /** `name`: its author's as messages show it (display name, else username). */
  lastMessage: { id: number; body: string; createdAt: Date; name: string } | null;
}

/** What raises a notification while a room's tab is hidden. */
export type NotifyChoice = "all" | "mentions" | "none";

/** Where a person is in a room's history: unread counts stop at `unreadCap`. */
export interface ReadState {
  lastReadId: number;
  unread: number;
  mentions: number;
}

/** A room the person has joined, with their read state and notification choice. */
export interface JoinedRoom extends RoomActivity, ReadState {
  notify: NotifyChoice;
}

/** Who wrote a message: what the message partial shows (name, link, avatar). */
export type MessageAuthor = Pick<User, "id" | "username" | "displayName" | "avatar" | "kind">;

export interface Message {
  id: number;
  roomId: number;
  /** Empty when the message is an image alone. */
  body: string;
  createdAt: Date;
  /**
   * The message's place in its room: 1, 2, 3… in id order, without gaps (PostgreSQL can skip a
   * number when two instances store the same resent message at once). Pages use it to see a hole.
   */
  seq: number;
  author: MessageAuthor;
  /** An attached image; null for text alone. */
  image: StoredImage | null;
  /** When its author last changed the text; null if never. */
  editedAt: Date | null;
  /** Set once deleted: the row keeps the room's order whole; its text, image and reactions are gone. */
  deletedAt: Date | null;
  /** The room's change number of its latest change (edit, deletion, reaction); 0 if it never changed. */
  changeSeq: number;
  /** The message this one answers, as its quote shows it; null when it answers none. */
  replyTo: RepliedMessage | null;
  /** Each emoji on it, in the order first used, with who used it (oldest first). */
  reactions: Reaction[];
}

/**
 * The marks around each matched word in `FoundMessage.highlighted`: control characters, which no
 * stored message holds (src/rooms/message-input.ts takes them out), so a view can escape the whole
 * text first and only then turn the marks into elements.
 */
export const matchMarks = { start: "\u0002", end: "\u0003" } as const;

/** A message search found: where it was said, and its text with each matched word between `matchMarks`. */
export type FoundMessage = Message & {
  room: Pick<Room, "id" | "slug" | "name" | "visibility">;
  highlighted: string;
};

/** What a reply's quote shows of the message it answers. */
export interface RepliedMessage {
  id: number;
  author: Pick<User, "username" | "displayName">;
  /** Empty once the message is deleted, or when it is an image alone. */
  body: string;
  deleted: boolean;
}

/** One emoji on a message and the people who put it there. */
export interface Reaction {
  emoji: string;
  people: Pick<User, "id" | "username" | "displayName">[];
}

export interface ApiToken {
  id: number;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** A member as the room's member list shows them: the person and their role there. */
export type RoomMember = User & { role: RoomRole };

/** A link that joins whoever opens it while it lasts; its code is never stored, only its digest. */
export interface RoomInvite {
  id: number;
  roomId: number;
  createdBy: number | null;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

/** A room as the administration page lists it: how many people and messages, and who made it. */
export interface RoomOverview extends Room {
  members: number;
  messages: number;
  /** The creator's username; null when their account is gone. */
  creator: string | null;
}

/** One page of a list, and how many there are in all (for "page 2 of 5"). */
export interface Paged<T> {
  items: T[];
  total: number;
}

/**
 * A message as first stored: never changed, deleted or reacted to. Built field by field, never by
 * spreading one object into another: on Node 20, V8 took the fields added after a spread the slow
 * way, and building the new message that way cost more than SQLite's insert.
 */
export const firstStored = (
  message: Pick<Message, "id" | "roomId" | "body" | "createdAt" | "seq" | "author" | "image" | "replyTo">,
): Message => ({
  id: message.id,
  roomId: message.roomId,
  body: message.body,
  createdAt: message.createdAt,
  seq: message.seq,
  author: message.author,
  image: message.image,
  editedAt: null,
  deletedAt: null,
  changeSeq: 0,
  replyTo: message.replyTo,
  reactions: [],
});
