import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import type { Db } from "../../src/store/db.ts";
import * as schema from "../../src/store/schema.ts";
import { type SyncSqlite, storeOverSyncSqlite } from "../../src/store/sync-sqlite.ts";

/**
 * The store over an in-memory SQLite database, as the Node driver opens it, plus the raw
 * connection: tests count rows and make the database refuse writes the way a full disk or a
 * read-only file would (pragmas and triggers are per connection, so it must be this one).
 */
export async function openTestDatabase() {
  const sqlite = new Database(":memory:");
  const store = await storeOverSyncSqlite(
    sqlite as unknown as SyncSqlite,
    drizzle(sqlite, { schema }) as unknown as Db,
  );
  return {
    store,
    sqlite,
    count: (table: string) => (sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n,
    /** Every write fails with SQLITE_READONLY, as on a file that cannot be written; reads still work. */
    refuseWrites: (refuse = true) => sqlite.pragma(`query_only = ${refuse ? "ON" : "OFF"}`),
  };
}
