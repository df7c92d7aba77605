import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { type Db, sqlitePragmas } from "../db.ts";
import { createGroupCommit } from "../group-commit.ts";
import { migrate } from "../migrate.ts";
import { migrations } from "../migrations/embedded.ts";
import * as schema from "../schema.ts";
import { setUpSharedFile } from "../shared-file.ts";
import { createStore, type Store } from "../store.ts";

/** Opens (creating if needed) and migrates a SQLite database with better-sqlite3 (Node). */
export async function openSqlite(path: string): Promise<Store> {
  const sqlite = new Database(path);
  const db = drizzle(sqlite, { schema }) as unknown as Db;
  await setUpSharedFile(async () => {
    for (const pragma of sqlitePragmas) sqlite.exec(pragma);
    await migrate(db, migrations);
  });
  // Group commit: every insert of one event-loop turn shares a transaction.
  const inTransaction = sqlite.transaction((work: () => void) => work());
  return createStore(db, () => void sqlite.close(), createGroupCommit(inTransaction));
}
