import { sql } from "drizzle-orm";
import type { RoomRole, RoomVisibility, UserKind } from "./records.ts";
import type { sqliteColumns } from "./schema.ts";

/**
 * The column kinds Parley's tables are made of, as each dialect builds them: SQLite's in
 * `schema.ts`, PostgreSQL's in `pg/schema.ts`, which holds the same data in each kind (a date,
 * a boolean, a number). Typed as SQLite's: shared queries see one set of tables (see dialect.ts).
 */
export type ColumnKinds = typeof sqliteColumns;

/**
 * Every table, written once. drizzle-kit reads each dialect's `schema.ts`, which calls this
 * with its column kinds, and writes that dialect's migrations (`npm run db:generate`).
 */
export function defineTables(c: ColumnKinds) {
  const { table, text, int, index, uniqueIndex, primaryKey } = c;

  /**
   * Uploaded images, one row per distinct content: the key is the SHA-256 of the bytes, kept on
   * disk under `DATA_DIR/files/` (src/files/). Type and pixel size are read once, at upload.
   */
  const files = table("files", {
    hash: text("hash").primaryKey(),
    /** image/png, image/jpeg, image/webp or image/gif, read from the bytes. */
    type: text("type").notNull(),
    width: int("width").notNull(),
    height: int("height").notNull(),
    bytes: int("bytes").notNull(),
    createdAt: c.createdAt(),
  });

  const users = table("users", {
    id: c.serialId(),
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
    createdAt: c.createdAt(),
    /** Set by an administrator: sign-in refused, sessions, tokens and sockets ended; messages kept. */
    deactivatedAt: c.time("deactivated_at"),
  });

  const rooms = table(
    "rooms",
    {
      id: c.serialId(),
      slug: text("slug").notNull().unique(),
      name: text("name").notNull(),
      /** One line under the room's name, set by its creator; empty when none. */
      topic: text("topic").notNull().default(""),
      createdBy: int("created_by").references(() => users.id, { onDelete: "set null" }),
      createdAt: c.createdAt(),
      /**
       * "public": listed, anyone signed in may join; "private": members only, and to anyone
       * else exactly as if it did not exist; "direct": exactly the people of `directKey`.
       */
      visibility: text("visibility").$type<RoomVisibility>().notNull().default("public"),
      /** A direct room's people, their ids sorted and joined by ","; the same people reuse it. */
      directKey: text("direct_key").unique(),
      ...c.roomCounter(),
    },
    // Not unique: rooms made before names had to differ keep theirs (the lists tell them apart).
    (t) => [index("rooms_name_idx").on(sql`lower(${t.name})`)],
  );

  // Rows that belong to a person or a room go with them.
  const userId = () =>
    int("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" });
  const roomId = () =>
    int("room_id")
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" });

  /** A session row is keyed by the SHA-256 of the cookie's token, so a leaked database leaks no sessions. */
  const sessions = table(
    "sessions",
    {
      id: text("id").primaryKey(),
      userId: userId(),
      /** Set for an embedded room's session: it opens that room's embed and nothing else. */
      roomId: int("room_id").references(() => rooms.id, { onDelete: "cascade" }),
      createdAt: c.createdAt(),
      expiresAt: c.time("expires_at").notNull(),
    },
    (t) => [index("sessions_user_idx").on(t.userId)],
  );

  const apiTokens = table(
    "api_tokens",
    {
      id: c.serialId(),
      userId: userId(),
      name: text("name").notNull(),
      tokenHash: text("token_hash").notNull().unique(),
      createdAt: c.createdAt(),
      lastUsedAt: c.time("last_used_at"),
    },
    (t) => [index("api_tokens_user_idx").on(t.userId)],
  );

  /**
   * A browser's Push API subscription (src/push/): where its push service takes notifications for
   * this person, and the keys they are encrypted to. One row per endpoint: a browser that signs
   * in as someone else takes its endpoint along.
   */
  const pushSubscriptions = table(
    "push_subscriptions",
    {
      id: c.serialId(),
      userId: userId(),
      endpoint: text("endpoint").notNull().unique(),
      /** The browser's P-256 public key and its auth secret, base64url, as PushSubscription.toJSON() gives them. */
      p256dh: text("p256dh").notNull(),
      auth: text("auth").notNull(),
      createdAt: c.createdAt(),
    },
    (t) => [index("push_subscriptions_user_idx").on(t.userId)],
  );

  const memberships = table(
    "memberships",
    {
      roomId: roomId(),
      userId: userId(),
      joinedAt: c.createdAt(),
      /** The newest message the person has seen here: what is unread starts after it. */
      lastReadId: c.messageRef("last_read_id").notNull().default(0),
      /** What raises a notification while the room's tab is hidden: "all", "mentions" or "none". */
      notify: text("notify").notNull().default("mentions"),
      /** "owner" (the creator), "moderator" (made so by an owner) or "member". */
      role: text("role").$type<RoomRole>().notNull().default("member"),
    },
    (t) => [primaryKey({ columns: [t.roomId, t.userId] }), index("memberships_user_idx").on(t.userId)],
  );

  /**
   * A room's embedding, set by its creator; no row, or no allowed origin, means no site may frame it.
   * `secret` signs the tokens with which an embedding site vouches for its own users.
   */
  const roomEmbeds = table("room_embeds", {
    roomId: int("room_id")
      .primaryKey()
      .references(() => rooms.id, { onDelete: "cascade" }),
    /** Origins that may frame the room, one per line (`https://docs.example.com`). */
    allowedOrigins: text("allowed_origins").notNull().default(""),
    /** Whether visitors may pick a nickname and speak as guests. */
    guests: c.bool("guests").notNull().default(false),
    secret: text("secret").notNull(),
  });

  /** People a room's owner or moderators banned: they cannot join, be added, or come back through an embed. */
  const roomBans = table(
    "room_bans",
    {
      roomId: roomId(),
      userId: userId(),
      bannedBy: int("banned_by").references(() => users.id, { onDelete: "set null" }),
      createdAt: c.createdAt(),
    },
    (t) => [primaryKey({ columns: [t.roomId, t.userId] })],
  );

  /** Links that join whoever opens them while they last (`/invites/:code`); stored by the code's digest. */
  const roomInvites = table(
    "room_invites",
    {
      id: c.serialId(),
      roomId: roomId(),
      codeHash: text("code_hash").notNull().unique(),
      createdBy: int("created_by").references(() => users.id, { onDelete: "set null" }),
      createdAt: c.createdAt(),
      expiresAt: c.time("expires_at").notNull(),
      revokedAt: c.time("revoked_at"),
    },
    (t) => [index("room_invites_room_idx").on(t.roomId)],
  );

  /** Host-signed tokens already exchanged for a session (by digest), kept until they expire: each works once. */
  const usedEmbedTokens = table("used_embed_tokens", {
    digest: text("digest").primaryKey(),
    expiresAt: c.time("expires_at").notNull(),
  });

  /** Ids are never reused, so a message id is a stable order key clients can resume from. */
  const messages = table(
    "messages",
    {
      id: c.messageId(),
      // On PostgreSQL the batch statement checks both once per batch, and triggers delete a room's
      // or a person's messages with them (pg/migrations/0010): see `messageOwnersByKey` there.
      roomId: c.messageOwnersByKey ? roomId() : int("room_id").notNull(),
      userId: c.messageOwnersByKey ? userId() : int("user_id").notNull(),
      /** Empty when the message is an image alone. */
      body: text("body").notNull(),
      /** An attached image's file (src/files/); null for text alone. */
      image: text("image").references(() => files.hash),
      /** The sender's idempotency key: a frame sent twice (reconnect, retry) is stored once. */
      clientKey: text("client_key"),
      createdAt: c.createdAt(),
      /**
       * The message's place in its room, counted 1, 2, 3… without gaps: a page that holds 7 and 9
       * knows 8 is missing. Ids are shared by every room, so they cannot say that.
       */
      seq: int("seq").notNull().default(0),
      /** The message this one answers (same room), or null. No foreign key: a deleted parent stays as a row. */
      replyTo: c.messageRef("reply_to"),
      /** When its author last changed the text; null if never. */
      editedAt: c.time("edited_at"),
      /** When it was deleted: the row stays (its place and id keep the room's order whole), its text and image go. */
      deletedAt: c.time("deleted_at"),
      /**
       * The room's change number of this message's latest change (edit, deletion, reaction),
       * counted 1, 2, 3… per room; 0 if it never changed. A page that saw changes up to n asks
       * for the messages whose number is above n (src/rooms/catch-up.tsx).
       */
      changeSeq: int("change_seq").notNull().default(0),
      /** When `changeSeq` was last taken: after a bus outage, the changes since it began are replayed. */
      changedAt: c.time("changed_at"),
    },
    (t) => [
      index("messages_room_id_idx").on(t.roomId, t.id),
      // Partial: messages sent without a key (the API, benchmarks) skip this index entirely.
      uniqueIndex("messages_client_key_idx").on(t.roomId, t.userId, t.clientKey).where(sql`${t.clientKey} IS NOT NULL`),
      // Who may see an image asks which messages show it, on every request for the file.
      index("messages_image_idx").on(t.image).where(sql`${t.image} IS NOT NULL`),
      // Partial: a new message (change 0) adds nothing to either; changes and replies are rare.
      index("messages_change_idx").on(t.roomId, t.changeSeq).where(sql`${t.changeSeq} > 0`),
      index("messages_reply_idx").on(t.replyTo).where(sql`${t.replyTo} IS NOT NULL`),
    ],
  );

  /** One person's emoji on one message: toggled, counted per emoji, shown with who reacted. */
  const reactions = table(
    "reactions",
    {
      messageId: c
        .messageRef("message_id")
        .notNull()
        .references(() => messages.id, { onDelete: "cascade" }),
      userId: userId(),
      emoji: text("emoji").notNull(),
      createdAt: c.createdAt(),
    },
    (t) => [primaryKey({ columns: [t.messageId, t.emoji, t.userId] })],
  );

  /** Who a message @mentions (those with an account), for the mention counts beside unread ones. */
  const mentions = table(
    "mentions",
    {
      messageId: c
        .messageRef("message_id")
        .notNull()
        .references(() => messages.id, { onDelete: "cascade" }),
      userId: userId(),
      roomId: roomId(),
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
  const deployment = table("deployment", {
    key: text("key").primaryKey(),
    value: text("value").notNull(),
  });

  /**
   * One row that `/healthz` rewrites: a real committed write, so a full disk or a locked or
   * read-only database shows up in health, not only in failed sends.
   */
  const healthProbe = table("health_probe", {
    id: int("id").primaryKey(),
    checkedAt: c.time("checked_at").notNull(),
  });

  return {
    files,
    users,
    sessions,
    apiTokens,
    pushSubscriptions,
    rooms,
    memberships,
    roomEmbeds,
    roomBans,
    roomInvites,
    usedEmbedTokens,
    messages,
    reactions,
    mentions,
    deployment,
    healthProbe,
  };
}

export type Tables = ReturnType<typeof defineTables>;
