import { DatabaseSync } from "node:sqlite";
import { createTableRelationsHelpers, extractTablesRelationalConfig } from "drizzle-orm";
import { BetterSQLiteSession } from "drizzle-orm/better-sqlite3/session";
import { BaseSQLiteDatabase, SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import type { Db } from "../db.ts";
import * as schema from "../schema.ts";
import type { Store } from "../store.ts";
import { type SyncSqlite, storeOverSyncSqlite } from "../sync-sqlite.ts";
import { betterSqliteShape } from "./node-sqlite-sync.ts";

/**
 * Opens (creating if needed) and migrates a SQLite database with `node:sqlite` (Deno), driven
 * synchronously as better-sqlite3 is on Node: drizzle's better-sqlite3 session over the same
 * calls (node-sqlite-sync.ts), and a turn's inserts in one group commit. The session is built
 * here rather than through `drizzle-orm/better-sqlite3`, which imports better-sqlite3's native
 * module, which Deno cannot load.
 */
export async function openSqlite(path: string): Promise<Store> {
  const sqlite = betterSqliteShape(new DatabaseSync(path));
  const relational = extractTablesRelationalConfig(schema, createTableRelationsHelpers);
  const config = { fullSchema: schema, schema: relational.tables, tableNamesMap: relational.tableNamesMap };
  const dialect = new SQLiteSyncDialect();
  // biome-ignore lint/suspicious/noExplicitAny: the session's client type is better-sqlite3's, which this mirrors in shape
  const session = new BetterSQLiteSession(sqlite as any, dialect, config);
  // The write path reads rooms' places on the connection itself, as drizzle's drivers keep it.
  const db = Object.assign(new BaseSQLiteDatabase("sync", dialect, session, config), {
    $client: sqlite,
  }) as unknown as Db;
  return storeOverSyncSqlite(sqlite as unknown as SyncSqlite, db);
}
