import type { Db } from "./db.ts";

/** What bun:sqlite's and better-sqlite3's connections both offer: a statement to run at once. */
type SyncClient = {
  prepare(sql: string): {
    get(...params: unknown[]): unknown;
    run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  };
};

/** The connection under a synchronous driver's drizzle database (drizzle keeps it as `$client`). */
export const syncClientOf = (db: Db) => (db as unknown as { $client: SyncClient }).$client;

/** Past this many rooms remembered, the memory starts afresh (each room is then read once more). */
const roomsKept = 10_000;

/**
 * Each room's newest place (`seq`) for the writer on a synchronous SQLite connection, read inside
 * its write transaction. Reading it from the table for every message cost about a fifth of an
 * insert, so the places this connection wrote are remembered, and forgotten whenever another
 * connection (an instance sharing the file) has committed since (`PRAGMA data_version` changes
 * exactly then), or a transaction of this one failed. That is asked once per transaction: its
 * BEGIN IMMEDIATE holds the file's write lock, so no other connection commits until it ends.
 */
export function roomPlaces(db: Db) {
  const client = syncClientOf(db);
  const newest = client.prepare("SELECT seq FROM messages WHERE room_id = ? ORDER BY id DESC LIMIT 1");
  const version = client.prepare("PRAGMA data_version");
  const known = new Map<number, number>();
  let seenVersion: number | null = null;
  let checkedIn: number | null = null;
  return {
    /** The place the next message of `roomId` takes, in the group commit's transaction `transaction`. */
    next(roomId: number, transaction: number): number {
      if (transaction !== checkedIn) {
        checkedIn = transaction;
        const now = (version.get() as { data_version: number }).data_version;
        if (now !== seenVersion || known.size > roomsKept) {
          known.clear();
          seenVersion = now;
        }
      }
      const last = known.get(roomId) ?? (newest.get(roomId) as { seq: number } | undefined)?.seq ?? 0;
      return last + 1;
    },
    /** `seq` was written in `roomId` (its transaction has yet to commit). */
    taken(roomId: number, seq: number): void {
      known.set(roomId, seq);
    },
    /** A transaction failed: the places taken in it are free again. */
    forget(): void {
      known.clear();
    },
  };
}
