import { sql } from "drizzle-orm";
import { commitTimes } from "../commit-times.ts";
import { type Dialect, listed, type QueryDb } from "../dialect.ts";
import { matchMarks } from "../records.ts";
import { createStore, type Store } from "../store.ts";
import type { PgDb } from "./db.ts";
import { createPgGroupCommit } from "./group-commit.ts";
import { pgMessageChanges } from "./message-changes.ts";
import { onPool, type RunBatch } from "./message-writer.ts";
import { pgReplyTouches } from "./reply-touches.ts";
import { pgTables } from "./schema.ts";

/**
 * The store over PostgreSQL: the shared queries, on PostgreSQL's dialect. Message batches go
 * through `runBatch` (a connection of their own, message-writer.ts; the pool's by default).
 */
export function createPgStore(db: PgDb, close: () => Promise<void>, runBatch: RunBatch = onPool(db)): Store {
  return createStore(pgDialect(db, close, runBatch));
}

/** PostgreSQL under the shared queries: GREATEST and LEAST, byte-order names, batched inserts. */
export function pgDialect(db: PgDb, close: () => Promise<void>, runBatch: RunBatch = onPool(db)): Dialect {
  const commits = commitTimes();
  const groupCommit = createPgGroupCommit(runBatch, commits.record);
  return {
    commits,
    // The one cast of the queries: drizzle types PostgreSQL's builders apart from SQLite's,
    // which the shared queries are written in (see QueryDb); the tables are typed likewise.
    db: db as unknown as QueryDb,
    tables: pgTables,
    greatest: (...values) => sql`GREATEST(${listed(values)})`,
    least: (...values) => sql`LEAST(${listed(values)})`,
    // Names in byte order, as SQLite sorts them, whatever the database's collation.
    byteOrder: (text) => sql`${text} COLLATE "C"`,
    prepared: (query, name) => {
      const statement = (
        query as unknown as { prepare(name: string): { execute(values: Record<string, unknown>): Promise<unknown> } }
      ).prepare(name);
      return { execute: (values) => statement.execute(values) };
    },
    textSearch: pgTextSearch,
    storeMessage: groupCommit,
    changeMessage: pgMessageChanges(db),
    touchReplies: pgReplyTouches(db),
    async close() {
      await groupCommit.flush();
      await close();
    },
  };
}

/** ts_headline's options: every match marked, the whole text kept (a message is short). */
const headline = `StartSel=${matchMarks.start}, StopSel=${matchMarks.end}, HighlightAll=true`;

/**
 * PostgreSQL's full-text search: the same expression as the GIN index of migration 0008, so the
 * index answers. Each word quoted for websearch_to_tsquery (which reads any text without an error),
 * so "or" is a word to find, not an operator; all must match.
 */
const pgTextSearch: Dialect["textSearch"] = (words) => {
  const { body } = pgTables.messages;
  const query = sql`websearch_to_tsquery('simple', ${words.map((word) => `"${word}"`).join(" ")})`;
  return {
    matches: sql`to_tsvector('simple', ${body}) @@ ${query}`,
    highlighted: sql<string>`ts_headline('simple', ${body}, ${query}, ${headline})`,
  };
};
