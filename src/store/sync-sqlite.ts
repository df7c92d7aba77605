import type { Db } from "./db.ts";
import { sqlitePragmas } from "./db.ts";
import { createGroupCommit } from "./group-commit.ts";
import { migrate } from "./migrate.ts";
import { migrations } from "./migrations/embedded.ts";
import { setUpSharedFile } from "./shared-file.ts";
import { createStore, type Store } from "./store.ts";

/** What bun:sqlite and better-sqlite3 share: enough to set a file up and group its commits. */
export interface SyncSqlite {
  exec(sql: string): unknown;
  transaction(work: (write: () => void) => void): (write: () => void) => void;
  close(): unknown;
}

/** Sets up (pragmas, migrations) a database opened by a synchronous driver, and batches its commits. */
export async function storeOverSyncSqlite(sqlite: SyncSqlite, db: Db): Promise<Store> {
  await setUpSharedFile(async () => {
    for (const pragma of sqlitePragmas) sqlite.exec(pragma);
    await migrate(db, migrations);
  });
  // Group commit: every insert of one event-loop turn shares a transaction.
  const inTransaction = sqlite.transaction((write) => write());
  const groupCommit = createGroupCommit(inTransaction);
  const close = () => {
    groupCommit.flush();
    sqlite.close();
  };
  return createStore(db, close, groupCommit);
}
