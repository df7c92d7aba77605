import { DatabaseSync, type SQLInputValue } from "node:sqlite";
import { drizzle } from "drizzle-orm/sqlite-proxy";
import { type Db, sqlitePragmas } from "../db.ts";
import { migrate } from "../migrate.ts";
import { migrations } from "../migrations/embedded.ts";
import * as schema from "../schema.ts";
import { setUpSharedFile } from "../shared-file.ts";
import { sqliteDialect } from "../sqlite-dialect.ts";
import { createStore, type Store } from "../store.ts";

/**
 * Opens (creating if needed) and migrates a SQLite database with `node:sqlite` (Deno).
 * drizzle has no driver for it, so its sqlite-proxy hands each query to this callback.
 * Rows go back as arrays: a join selecting `messages.id` and `users.id` would collide as objects.
 */
export async function openSqlite(path: string): Promise<Store> {
  const sqlite = new DatabaseSync(path);
  const db = drizzle(
    async (query, params, method) => {
      const statement = sqlite.prepare(query);
      const values = params as SQLInputValue[];
      if (method === "run") {
        statement.run(...values);
        return { rows: [] };
      }
      statement.setReturnArrays(true);
      // biome-ignore lint/suspicious/noExplicitAny: the proxy's row type is any[] by contract
      if (method === "get") return { rows: statement.get(...values) as any };
      return { rows: statement.all(...values) as unknown[] };
    },
    { schema },
  ) as unknown as Db;
  await setUpSharedFile(async () => {
    for (const pragma of sqlitePragmas) sqlite.exec(pragma);
    await migrate(db, migrations);
  });
  return createStore(sqliteDialect(db, async () => sqlite.close()));
}
