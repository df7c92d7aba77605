import { Database } from "bun:sqlite";
import { drizzle } from "drizzle-orm/bun-sqlite";
import { migrate } from "drizzle-orm/bun-sqlite/migrator";
import { type Db, sqlitePragmas } from "../db.ts";
import { createGroupCommit } from "../group-commit.ts";
import { migrationsFolder } from "../migrations-folder.ts";
import * as schema from "../schema.ts";
import { createStore, type Store } from "../store.ts";

/** Opens (creating if needed) and migrates a SQLite database with bun:sqlite. */
export function openSqlite(path: string): Store {
  const sqlite = new Database(path, { create: true, strict: true });
  for (const pragma of sqlitePragmas) sqlite.exec(pragma);
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder });
  const inTransaction = sqlite.transaction((work: () => void) => work());
  return createStore(db as unknown as Db, () => void sqlite.close(), createGroupCommit(inTransaction));
}
