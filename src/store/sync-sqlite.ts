import { commitTimes } from "./commit-times.ts";
import type { Db } from "./db.ts";
import { sqlitePragmas } from "./db.ts";
import { createGroupCommit } from "./group-commit.ts";
import { migrate } from "./migrate.ts";
import { migrations } from "./migrations/embedded.ts";
import { setUpSharedFile } from "./shared-file.ts";
import { sqliteDialect } from "./sqlite-dialect.ts";
import { createStore, type Store } from "./store.ts";

/** What bun:sqlite and better-sqlite3 share: enough to set a file up and group its commits. */
export interface SyncSqlite {
  exec(sql: string): unknown;
  transaction(work: (write: () => void) => void): { immediate(write: () => void): void };
  /** False once SQLite has rolled a transaction back by itself (or none is open). */
  readonly inTransaction: boolean;
  close(): unknown;
}

/** A thread that checkpoints the WAL beside the event loop (see drivers/checkpoint-rounds.ts). */
export interface OffLoopCheckpoints {
  stop(): Promise<void>;
}

/** What such a thread gets of the writer. */
export interface CheckpointWriter {
  /** Holds the writer's commits back; the function returned lets them go. */
  hold: () => () => void;
  /** The thread stopped working: the writer checkpoints by itself again. */
  failed: (error: unknown) => void;
}

/**
 * With a checkpoint thread, the writer checkpoints by itself only past this many pages of log
 * (64 MB): a stuck thread must not let the log grow without end. SQLite's default is 1,000.
 */
const backstopPages = 16_000;

/**
 * Sets up (pragmas, migrations) a database opened by a synchronous driver, and batches its
 * commits. `checkpoints` starts a thread that checkpoints the log, so commits on the event loop
 * no longer do (a checkpoint waits for the disk); should it fail, commits do again.
 */
export async function storeOverSyncSqlite(
  sqlite: SyncSqlite,
  db: Db,
  checkpoints?: (writer: CheckpointWriter) => OffLoopCheckpoints,
  log: (line: string) => void = (line) => console.error(line),
): Promise<Store> {
  await setUpSharedFile(async () => {
    for (const pragma of sqlitePragmas) sqlite.exec(pragma);
    await migrate(db, migrations);
  });
  // Group commit: every insert of one event-loop turn shares a transaction. BEGIN IMMEDIATE:
  // an insert reads its room's newest place first, and a transaction that read before it wrote
  // fails at once (SQLITE_BUSY, busy_timeout or not) when another instance wrote in between.
  const transaction = sqlite.transaction((write) => write());
  const inTransaction = (write: () => void) => transaction.immediate(write);
  const commits = commitTimes();
  const groupCommit = createGroupCommit(inTransaction, commits.record, () => sqlite.inTransaction);
  let checkpointer: OffLoopCheckpoints | undefined;
  if (checkpoints) {
    sqlite.exec(`PRAGMA wal_autocheckpoint = ${backstopPages}`);
    checkpointer = checkpoints({
      hold: groupCommit.hold,
      failed: (error) => {
        log(`store: the checkpoint thread failed; commits checkpoint the log again: ${error}`);
        sqlite.exec("PRAGMA wal_autocheckpoint = 1000");
      },
    });
  }
  const close = async () => {
    groupCommit.flush();
    await checkpointer?.stop();
    sqlite.close();
  };
  return createStore({ ...sqliteDialect(db, close, groupCommit), commits });
}
