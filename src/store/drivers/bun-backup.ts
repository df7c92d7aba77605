import { Database } from "bun:sqlite";

/**
 * Writes a consistent copy of the SQLite database at `database` to the new file `target` with
 * `VACUUM INTO`, while the server goes on writing (src/backup/backup.ts says why this way).
 */
export function vacuumInto(database: string, target: string): void {
  const sqlite = new Database(database, { readwrite: true, create: false });
  try {
    // The read takes no lock a writer waits on in WAL mode; this covers a file still in rollback mode.
    sqlite.exec("PRAGMA busy_timeout = 10000");
    sqlite.query("VACUUM INTO ?").run(target);
  } finally {
    sqlite.close();
  }
}
