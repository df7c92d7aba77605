import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { type Db, sqlitePragmas } from "../db.ts";
import { migrate } from "../migrate.ts";
import { migrations } from "../migrations/embedded.ts";
import * as schema from "../schema.ts";
import { createStore, type Store } from "../store.ts";

/** Opens (creating if needed) and migrates a SQLite database with better-sqlite3 (Node). */
export async function openSqlite(path: string): Promise<Store> {
  const sqlite = new Database(path);
  for (const pragma of sqlitePragmas) sqlite.exec(pragma);
  const db = drizzle(sqlite, { schema }) as unknown as Db;
  await migrate(db, migrations);
  return createStore(db, () => void sqlite.close());
}
