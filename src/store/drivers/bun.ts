import { Database } from "bun:sqlite";
import { drizzle } from "drizzle-orm/bun-sqlite";
import { migrate } from "drizzle-orm/bun-sqlite/migrator";
import { type Db, sqlitePragmas } from "../db.ts";
import { migrationsFolder } from "../migrations-folder.ts";
import * as schema from "../schema.ts";
import { setUpSharedFile } from "../shared-file.ts";
import { createStore, type Store } from "../store.ts";

/** Opens (creating if needed) and migrates a SQLite database with bun:sqlite. */
export function openSqlite(path: string): Store {
  const sqlite = new Database(path, { create: true, strict: true });
  const db = drizzle(sqlite, { schema });
  setUpSharedFile(() => {
    for (const pragma of sqlitePragmas) sqlite.exec(pragma);
    migrate(db, { migrationsFolder });
  });
  return createStore(db as unknown as Db, () => void sqlite.close());
}
