import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { UserKind } from "./records.ts";

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" }).notNull().default(sql`(unixepoch('subsec') * 1000)`);

/**
 * Uploaded images, one row per distinct content: the key is the SHA-256 of the bytes, which are
 * kept on disk under `DATA_DIR/files/` (src/files/). Type and pixel size are read once, at upload.
 */
export const files = sqliteTable("files", {
  hash: text("hash").primaryKey(),
  /** image/png, image/jpeg, image/webp or image/gif, read from the bytes. */
  type: text("type").notNull(),
  width: integer("width").notNull(),
  height: integer("height").notNull(),
  bytes: integer("bytes").notNull(),
  createdAt: createdAt(),
});

export const users = sqliteTable("users", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  /** Stored lower-case: usernames are case-insensitive. */
  username: text("username").notNull().unique(),
  passwordHash: text("password_hash").notNull(),
  /** Shown instead of the username where set (the username stays under it). */
  displayName: text("display_name"),
  bio: text("bio").notNull().default(""),
  /** The avatar's file; null for the generated default (initials on a colour). */
  avatar: text("avatar").references(() => files.hash),
  /** A picture a host app keeps for the person (the kit's identify), shown when they uploaded none. */
  avatarUrl: text("avatar_url"),
  /**
   * "account": signed up with a password; "guest": a nickname picked in an embedded room;
   * "external": signed in by an embedding site's token. Only accounts can log in.
   */
  kind: text("kind").$type<UserKind>().notNull().default("account"),
  /** An external person's key, `<room id>:<sub>`: the same person signed again is the same user. */
  externalId: text("external_id").unique(),
  createdAt: createdAt(),
});

/** A session row is keyed by the SHA-256 of the cookie's token, so a leaked database leaks no sessions. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Set for an embedded room's session: it opens that room's embed and nothing else. */
    roomId: integer("room_id").references(() => rooms.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: createdAt(),
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("api_tokens_user_idx").on(t.userId)],
);

export const rooms = sqliteTable(
  "rooms",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    /** One line under the room's name, set by its creator; empty when none. */
    topic: text("topic").notNull().default(""),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  // Not unique: rooms made before names had to differ keep theirs (the lists tell them apart).
  (t) => [index("rooms_name_idx").on(sql`lower(${t.name})`)],
);

export const memberships = sqliteTable(
  "memberships",
  {
    roomId: integer("room_id")
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    joinedAt: createdAt(),
    /** The newest message the person has seen here: what is unread starts after it. */
    lastReadId: integer("last_read_id").notNull().default(0),
    /** What raises a notification while the room's tab is hidden: "all", "mentions" or "none". */
    notify: text("notify").notNull().default("mentions"),
  },
  (t) => [primaryKey({ columns: [t.roomId, t.userId] }), index("memberships_user_idx").on(t.userId)],
);

/**
 * A room's embedding, set by its creator; no row, or no allowed origin, means no site may frame it.
 * `secret` signs the tokens with which an embedding site vouches for its own users.
 */
export const roomEmbeds = sqliteTable("room_embeds", {
  roomId: integer("room_id")
    .primaryKey()
    .references(() => rooms.id, { onDelete: "cascade" }),
  /** Origins that may frame the room, one per line (`https://docs.example.com`). */
  allowedOrigins: text("allowed_origins").notNull().default(""),
  /** Whether visitors may pick a nickname and speak as guests. */
  guests: integer("guests", { mode: "boolean" }).notNull().default(false),
  secret: text("secret").notNull(),
});

/** Host-signed tokens already exchanged for a session (by digest), kept until they expire: each works once. */
export const usedEmbedTokens = sqliteTable("used_embed_tokens", {
  digest: text("digest").primaryKey(),
  expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
});

/** AUTOINCREMENT: ids are never reused, so a message id is a stable order key clients can resume from. */
export const messages = sqliteTable(
  "messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    roomId: integer("room_id")
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Empty when the message is an image alone. */
    body: text("body").notNull(),
    /** An attached image's file (src/files/); null for text alone. */
    image: text("image").references(() => files.hash),
    /** The sender's idempotency key: a frame sent twice (reconnect, retry) is stored once. */
    clientKey: text("client_key"),
    createdAt: createdAt(),
    /**
     * The message's place in its room, counted 1, 2, 3… without gaps: a page that holds 7 and 9
     * knows 8 is missing. Ids are shared by every room, so they cannot say that.
     */
    seq: integer("seq").notNull().default(0),
  },
  (t) => [
    index("messages_room_id_idx").on(t.roomId, t.id),
    // Partial: messages sent without a key (the API, benchmarks) skip this index entirely.
    uniqueIndex("messages_client_key_idx").on(t.roomId, t.userId, t.clientKey).where(sql`${t.clientKey} IS NOT NULL`),
  ],
);

/** Who a message @mentions (those with an account), for the mention counts beside unread ones. */
export const mentions = sqliteTable(
  "mentions",
  {
    messageId: integer("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    roomId: integer("room_id")
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.messageId, t.userId] }),
    index("mentions_user_room_idx").on(t.userId, t.roomId, t.messageId),
  ],
);

/**
 * Values that belong to the deployment as a whole (every instance sharing this database), each
 * written once by whichever instance needs it first: the bus's namespace id and signing key.
 */
export const deployment = sqliteTable("deployment", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

/**
 * One row that `/healthz` rewrites: a real committed write, so a full disk or a locked or
 * read-only database shows up in health, not only in failed sends.
 */
export const healthProbe = sqliteTable("health_probe", {
  id: integer("id").primaryKey(),
  checkedAt: integer("checked_at", { mode: "timestamp_ms" }).notNull(),
});
