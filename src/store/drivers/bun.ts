import { Database } from "bun:sqlite";
import { drizzle } from "drizzle-orm/bun-sqlite";
import type { Db } from "../db.ts";
import * as schema from "../schema.ts";
import type { Store } from "../store.ts";
import { type SyncSqlite, storeOverSyncSqlite } from "../sync-sqlite.ts";
import { checkpointOffTheLoop } from "./bun-checkpoints.ts";

/**
 * Opens (creating if needed) and migrates a SQLite database with bun:sqlite. A file's log is
 * checkpointed on a thread of its own (bun-checkpoint-worker.ts), off the event loop.
 */
export async function openSqlite(path: string): Promise<Store> {
  const sqlite = new Database(path, { create: true, strict: true });
  const db = drizzle(sqlite, { schema }) as unknown as Db;
  const checkpoints =
    path === ":memory:"
      ? undefined
      : (options: Parameters<typeof checkpointOffTheLoop>[1]) => checkpointOffTheLoop(path, options);
  return storeOverSyncSqlite(sqlite as unknown as SyncSqlite, db, checkpoints);
}
