import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import type { Db } from "../db.ts";
import * as schema from "../schema.ts";
import type { Store } from "../store.ts";
import { type CheckpointWriter, type SyncSqlite, storeOverSyncSqlite } from "../sync-sqlite.ts";
import { checkpointOffTheLoop } from "./node-checkpoints.ts";

/**
 * Opens (creating if needed) and migrates a SQLite database with better-sqlite3 (Node). The log
 * of a file this instance alone writes to is checkpointed on a worker thread (node-checkpoints.ts).
 */
export async function openSqlite(
  path: string,
  { shared = false, log }: { shared?: boolean; log?: (line: string) => void } = {},
): Promise<Store> {
  const sqlite = new Database(path);
  const db = drizzle(sqlite, { schema }) as unknown as Db;
  // A file other instances write to keeps SQLite's way: the log restarts once all of it is
  // copied, which a thread holding back only this instance's commits cannot bring about.
  const checkpoints =
    path === ":memory:" || shared ? undefined : (writer: CheckpointWriter) => checkpointOffTheLoop(path, writer);
  return storeOverSyncSqlite(sqlite as unknown as SyncSqlite, db, checkpoints, log);
}
