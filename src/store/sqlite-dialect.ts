import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "./db.ts";
import { type Dialect, listed, type MessageChange } from "./dialect.ts";
import type { GroupCommit } from "./group-commit.ts";
import { sideWrites } from "./message-change-writes.ts";
import { matchMarks } from "./records.ts";
import { sqliteReplyTouches } from "./reply-touches.ts";
import { messages, sqliteTables } from "./schema.ts";
import { sqliteSearchIndex } from "./search-index.ts";
import { sqliteMessageWrites } from "./sqlite-message-inserts.ts";

/** SQLite under the shared queries: its scalar MAX and MIN, BINARY collation, and its write path. */
export function sqliteDialect(db: Db, close: () => Promise<void>, write: GroupCommit): Dialect {
  const searchIndex = sqliteSearchIndex(db);
  return {
    db,
    tables: sqliteTables,
    greatest: (...values) => sql`MAX(${listed(values)})`,
    least: (...values) => sql`MIN(${listed(values)})`,
    byteOrder: (text) => text,
    prepared: (query) => {
      const statement = (
        query as unknown as { prepare(): { execute(values: Record<string, unknown>): unknown } }
      ).prepare();
      return { execute: async (values) => statement.execute(values) };
    },
    textSearch: sqliteTextSearch,
    beforeSearch: searchIndex.catchUp,
    storeMessage: sqliteMessageWrites(db, write),
    changeMessage: sqliteMessageChanges(db, write),
    touchReplies: sqliteReplyTouches(db, write),
    close: () => {
      searchIndex.stop();
      return close();
    },
  };
}

/**
 * SQLite's full-text search: the FTS5 table `messages_search` (migration 0015), kept in batches
 * (search-index.ts) and by triggers for edits and deletions.
 * Each word quoted, so nothing a person types is read as FTS5's query syntax; all must match.
 * bun:sqlite, better-sqlite3 and node:sqlite (Deno) all ship FTS5.
 */
const sqliteTextSearch: Dialect["textSearch"] = (words) => {
  const query = words.map((word) => `"${word.replaceAll('"', '""')}"`).join(" ");
  return {
    matches: sql`${messages.id} IN (SELECT rowid FROM messages_search WHERE messages_search MATCH ${query})`,
    highlighted: sql<string>`(SELECT highlight(messages_search, 0, ${matchMarks.start}, ${matchMarks.end}) FROM messages_search WHERE messages_search MATCH ${query} AND rowid = ${messages.id})`,
  };
};

/**
 * SQLite's changes: the room's next change number is read in the UPDATE that takes it, which
 * SQLite's one writer runs alone, so no two changes of a room get the same number. Through the
 * group commit: the change and its side writes commit together.
 */
export function sqliteMessageChanges(db: Db, write: GroupCommit): (change: MessageChange) => Promise<number | null> {
  const next = (roomId: number) =>
    sql`(SELECT coalesce(max(m.change_seq), 0) + 1 FROM messages AS m WHERE m.room_id = ${roomId} AND m.change_seq > 0)`;
  const stamp = ({ roomId, messageId, set, at, unchangedSince }: MessageChange) =>
    db
      .update(messages)
      .set({ ...set, changedAt: at, changeSeq: next(roomId) })
      .where(
        and(
          eq(messages.id, messageId),
          eq(messages.roomId, roomId),
          isNull(messages.deletedAt),
          unchangedSince === undefined ? undefined : eq(messages.changeSeq, unchangedSince),
        ),
      )
      .returning({ changeSeq: messages.changeSeq });
  type Sync = { get(): unknown; run(): unknown };
  return (change) =>
    write(() => {
      const row = (stamp(change) as unknown as Sync).get() as { changeSeq: number } | undefined;
      if (!row) return null;
      for (const statement of sideWrites(db, sqliteTables, change)) (statement as unknown as Sync).run();
      return row.changeSeq;
    });
}
