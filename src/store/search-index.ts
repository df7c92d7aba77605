import { sql } from "drizzle-orm";
import type { Db } from "./db.ts";

/** How often new messages are indexed for search, at most (and always just before a search). */
export const searchIndexEveryMs = 1000;

/** Moves the index's mark up to the newest message: its trigger (migration 0015) indexes what it passes. */
export const indexThroughNewest =
  "UPDATE search_progress SET indexed_through = (SELECT max(id) FROM messages) WHERE id = 1 AND indexed_through < (SELECT coalesce(max(id), 0) FROM messages)";

/**
 * SQLite's search index, kept in batches: one statement moves the index's mark up to the newest
 * message and, by its trigger (migration 0015), indexes every message up to it. One statement, so
 * it is atomic on every driver (Deno's included), and instances sharing the file take turns.
 * `catchUp` runs before each search, so a search finds what was said a moment ago; the timer keeps
 * the batches small between searches. A failure (a full or read-only disk) waits for the next try.
 */
export function sqliteSearchIndex(db: Db) {
  const catchUp = async () => {
    await db.run(sql.raw(indexThroughNewest));
  };
  const timer = setInterval(() => catchUp().catch(() => {}), searchIndexEveryMs);
  // Never what keeps a process alive: a store left open (a script, a test) may still end.
  (timer as { unref?: () => void }).unref?.();
  return {
    catchUp,
    stop: () => clearInterval(timer),
  };
}
