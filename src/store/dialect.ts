import { type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import type { CommitTimes } from "./commit-times.ts";
import type { Tables } from "./tables.ts";

/**
 * drizzle's query builders as the shared queries use them. Typed as SQLite's, as the tables are
 * (tables.ts): drizzle types each dialect's builders apart, though select, insert, update and
 * delete, their joins, conflicts and `returning` read the same and give the same rows over
 * tables holding the same data. PostgreSQL's database enters through one cast (pg/store.ts); the
 * store contract suite runs every query on both. Only these four: the rest differ by dialect.
 */
export type QueryDb = Pick<BaseSQLiteDatabase<"sync" | "async", unknown>, "select" | "insert" | "update" | "delete">;

/** A message to store: the shared insert hands it to its dialect's write path. */
export interface NewMessage {
  roomId: number;
  userId: number;
  body: string;
  clientKey: string | null;
  /** An attached image's file hash, or null. */
  image: string | null;
  /** The id of the message it answers (checked to be in the same room), or null. */
  replyTo: number | null;
}

/**
 * One change to a stored message: new values for some of its columns, and the reaction that
 * is the change (added, or taken back), if it is one. A deletion (`deletedAt`) also takes its
 * reactions and mentions with it (message-change-writes.ts).
 */
export interface MessageChange {
  roomId: number;
  messageId: number;
  set: { body?: string; editedAt?: Date; deletedAt?: Date; image?: null };
  reaction?: { userId: number; emoji: string; on: boolean };
  at: Date;
  /**
   * The change number the caller read the message at: the change is written only if no other
   * came in between, so the caller's copy with this change applied is the message as stored.
   */
  unchangedSince?: number;
}

/** A stored message's id, time and place in its room; null when its idempotency key was already used. */
export type StoredMessage = { id: number; createdAt: Date; seq: number } | null;

/**
 * What a database adds to the queries written once (src/store/*.ts): its drizzle database and
 * tables, the few SQL spellings that differ, and how a message is written (SQLite's group
 * commit and places, PostgreSQL's batch statement under the room's lock).
 */
export interface Dialect {
  db: QueryDb;
  tables: Tables;
  /** The larger of some values (SQLite's scalar MAX, PostgreSQL's GREATEST). */
  greatest(...values: (SQLWrapper | number)[]): SQL;
  /** The smaller of some values (SQLite's scalar MIN, PostgreSQL's LEAST). */
  least(...values: (SQLWrapper | number)[]): SQL;
  /** Text to sort in byte order, as SQLite sorts it, whatever PostgreSQL's collation. */
  byteOrder(text: SQLWrapper): SQLWrapper;
  /**
   * A query prepared once, run with `execute(values)` for its `sql.placeholder`s: SQLite's
   * statements are prepared on the connection, PostgreSQL's named (`name`) on the server.
   */
  prepared<Q extends { prepare(...args: never[]): unknown }>(
    query: Q,
    name: string,
  ): { execute(values: Record<string, unknown>): Promise<unknown> };
  /**
   * Full-text search for messages holding every one of `words` (letters and digits only): which
   * match, and their text with each matched word between `matchMarks` (records.ts). SQLite asks
   * its FTS5 table, PostgreSQL its GIN index on to_tsvector('simple', body).
   */
  textSearch(words: string[]): { matches: SQL; highlighted: SQL<string> };
  /** Brings the search index up to the newest message, where it is kept apart from storing (SQLite). */
  beforeSearch?(): Promise<void>;
  /** Stores a message; resolves once it is committed. */
  storeMessage(message: NewMessage): Promise<StoredMessage>;
  /**
   * Writes a change and gives it the room's next change number, in one transaction, so numbers
   * follow commit order within a room. Null when the message is not in that room, or deleted.
   */
  changeMessage(change: MessageChange): Promise<number | null>;
  /**
   * Gives each standing reply to a message just deleted the room's next change number (their
   * quotes now say "deleted"), in id order, in one statement; resolves with their ids.
   */
  touchReplies(roomId: number, messageId: number, at: Date): Promise<number[]>;
  /** How long each group commit of messages takes, where the dialect groups them. */
  commits?: CommitTimes;
  /** Commits what is queued, then closes the connection. */
  close(): Promise<void>;
}

/** Values as one comma-separated SQL list (for `greatest` and `least`). */
export const listed = (values: unknown[]) =>
  sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  );
