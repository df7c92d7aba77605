import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import type * as schema from "./schema.ts";

/**
 * Any drizzle SQLite database. Every driver Parley opens is synchronous (bun:sqlite,
 * better-sqlite3, node:sqlite on Deno); shared queries still `await`, as PostgreSQL's must.
 */
export type Db = BaseSQLiteDatabase<"sync" | "async", unknown, typeof schema>;

/** Pragmas every driver sets: bun:sqlite's defaults differ from better-sqlite3's. */
export const sqlitePragmas = [
  // First: switching to WAL locks the file, and another instance may be opening it too.
  "PRAGMA busy_timeout = 5000",
  "PRAGMA journal_mode = WAL",
  "PRAGMA synchronous = NORMAL",
  "PRAGMA foreign_keys = ON",
];
