/**
 * Run by checkpoints.test.ts under Bun: a store whose checkpoint thread cannot open the
 * database (it is pointed at a folder). Prints, as JSON, what the writer's own checkpoint
 * threshold became and whether a message written afterwards reads back.
 */
import { Database } from "bun:sqlite";
import { join } from "node:path";
import { drizzle } from "drizzle-orm/bun-sqlite";
import type { Db } from "../../src/store/db.ts";
import { checkpointOffTheLoop } from "../../src/store/drivers/bun-checkpoints.ts";
import * as schema from "../../src/store/schema.ts";
import { type SyncSqlite, storeOverSyncSqlite } from "../../src/store/sync-sqlite.ts";

const dir = process.argv[2] as string;
const sqlite = new Database(join(dir, "parley.db"), { create: true, strict: true });
const db = drizzle(sqlite, { schema }) as unknown as Db;
const store = await storeOverSyncSqlite(sqlite as unknown as SyncSqlite, db, (writer) =>
  checkpointOffTheLoop(dir, writer),
);
const threshold = () =>
  (sqlite.query("PRAGMA wal_autocheckpoint").get() as { wal_autocheckpoint: number }).wal_autocheckpoint;
const withThread = threshold();
// The thread reports its failure asynchronously: wait for the writer to take checkpoints back.
const giveUpAt = performance.now() + 10_000;
while (threshold() === withThread && performance.now() < giveUpAt) await new Promise((r) => setTimeout(r, 10));
const user = await store.users.create("writer", "x");
const room = await store.rooms.create({ name: "after", slug: "after", topic: "", createdBy: user?.id as number });
if (!user || !room) throw new Error("could not write after the thread failed");
await store.messages.insert(room.id, user, "still written");
const [latest] = await store.messages.latest(room.id, 1);
const afterFailure = threshold();
await store.close();
console.log(JSON.stringify({ withThread, afterFailure, readBack: latest?.body ?? null }));
