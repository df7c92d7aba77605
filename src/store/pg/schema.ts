import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { UserKind } from "../records.ts";

/**
 * The PostgreSQL mirror of `../schema.ts`: the same tables, columns and indexes, so one set of
 * records comes out of either. Differences are the dialect's: identity columns for
 * AUTOINCREMENT, `timestamptz` (millisecond precision, as JavaScript dates) for epoch integers.
 * A change to one schema needs its twin here and `npm run db:generate`.
 */
const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3, mode: "date" });
const createdAt = () => at("created_at").notNull().defaultNow();
const serialId = () => integer("id").primaryKey().generatedByDefaultAsIdentity();

/** Uploaded images, one row per distinct content, keyed by the SHA-256 of the bytes (on disk under DATA_DIR/files/). */
export const files = pgTable("files", {
  hash: text("hash").primaryKey(),
  /** image/png, image/jpeg, image/webp or image/gif, read from the bytes. */
  type: text("type").notNull(),
  width: integer("width").notNull(),
  height: integer("height").notNull(),
  bytes: integer("bytes").notNull(),
  createdAt: createdAt(),
});

export const users = pgTable("users", {
  id: serialId(),
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
  /** "account", "guest" (an embed's nickname) or "external" (an embedding site's token). */
  kind: text("kind").$type<UserKind>().notNull().default("account"),
  /** An external person's key, `<room id>:<sub>`. */
  externalId: text("external_id").unique(),
  createdAt: createdAt(),
});

/** Keyed by the SHA-256 of the cookie's token, so a leaked database leaks no sessions. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Set for an embedded room's session: it opens that room's embed and nothing else. */
    roomId: integer("room_id").references(() => rooms.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: at("expires_at").notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: serialId(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: createdAt(),
    lastUsedAt: at("last_used_at"),
  },
  (t) => [index("api_tokens_user_idx").on(t.userId)],
);

export const rooms = pgTable(
  "rooms",
  {
    id: serialId(),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    topic: text("topic").notNull().default(""),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    /**
     * The room's newest message `seq`. A counter, not max(seq): under READ COMMITTED an UPDATE
     * reads the row's latest version once it holds the lock, where a subquery would read the
     * statement's older snapshot and hand out a number twice.
     */
    lastSeq: integer("last_seq").notNull().default(0),
  },
  (t) => [index("rooms_name_idx").on(sql`lower(${t.name})`)],
);

export const memberships = pgTable(
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
    lastReadId: bigint("last_read_id", { mode: "number" }).notNull().default(0),
    /** What raises a notification while the room's tab is hidden: "all", "mentions" or "none". */
    notify: text("notify").notNull().default("mentions"),
  },
  (t) => [primaryKey({ columns: [t.roomId, t.userId] }), index("memberships_user_idx").on(t.userId)],
);

/** A room's embedding (see `../schema.ts`): no row, or no allowed origin, means no site may frame it. */
export const roomEmbeds = pgTable("room_embeds", {
  roomId: integer("room_id")
    .primaryKey()
    .references(() => rooms.id, { onDelete: "cascade" }),
  allowedOrigins: text("allowed_origins").notNull().default(""),
  guests: boolean("guests").notNull().default(false),
  secret: text("secret").notNull(),
});

/** Host-signed tokens already exchanged for a session, kept until they expire: each works once. */
export const usedEmbedTokens = pgTable("used_embed_tokens", {
  digest: text("digest").primaryKey(),
  expiresAt: at("expires_at").notNull(),
});
/**
 * The id is drawn from one sequence, but only while the insert holds its room's row lock
 * (`message-batch.ts`): within a room, ids then follow commit order, which a bare sequence
 * does not promise. See docs/architecture.md, "Order keys".
 */
export const messages = pgTable(
  "messages",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    roomId: integer("room_id")
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    body: text("body").notNull(),
    /** The sender's idempotency key: a frame sent twice (reconnect, retry) is stored once. */
    clientKey: text("client_key"),
    /** An attached image's file, or null. */
    image: text("image").references(() => files.hash),
    createdAt: createdAt(),
    /** The message's place in its room, 1, 2, 3…: drawn from `rooms.last_seq` under the room's lock. */
    seq: integer("seq").notNull().default(0),
  },
  (t) => [
    index("messages_room_id_idx").on(t.roomId, t.id),
    uniqueIndex("messages_client_key_idx").on(t.roomId, t.userId, t.clientKey).where(sql`${t.clientKey} IS NOT NULL`),
  ],
);

/** Who a message @mentions (those with an account), for the mention counts beside unread ones. */
export const mentions = pgTable(
  "mentions",
  {
    messageId: bigint("message_id", { mode: "number" })
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

/** Values of the deployment as a whole (every instance on this database): bus namespace, signing key. */
export const deployment = pgTable("deployment", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

/** One row that `/healthz` rewrites: a real committed write, so a read-only database shows in health. */
export const healthProbe = pgTable("health_probe", {
  id: integer("id").primaryKey(),
  checkedAt: at("checked_at").notNull(),
});
