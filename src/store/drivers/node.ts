import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import type { Db } from "../db.ts";
import * as schema from "../schema.ts";
import type { Store } from "../store.ts";
import { type SyncSqlite, storeOverSyncSqlite } from "../sync-sqlite.ts";

/** Opens (creating if needed) and migrates a SQLite database with better-sqlite3 (Node). */
export async function openSqlite(path: string): Promise<Store> {
  const sqlite = new Database(path);
  const db = drizzle(sqlite, { schema }) as unknown as Db;
  return storeOverSyncSqlite(sqlite as unknown as SyncSqlite, db);
}
