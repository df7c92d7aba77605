import { Database } from "bun:sqlite";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkpointOffTheLoop } from "../../src/store/drivers/bun-checkpoints.ts";
import { indexThroughNewest, searchIndexEveryMs } from "../../src/store/search-index.ts";

/** As Parley's multi-row INSERTs (src/store/sqlite-message-inserts.ts): at most 64 rows a statement. */
const rowsPerStatement = 64;

/**
 * The storing ceiling's storage (bench/servers/ceiling.ts with STORE=1): the least a chat server
 * does to keep every message, so that what it publishes survives a crash. Each text is a row of
 * one table with an index by room (history is read by room), a turn's rows go in one transaction
 * (BEGIN IMMEDIATE, multi-row INSERTs) committed before the turn is published, on WAL with
 * `synchronous = NORMAL`, and the log is checkpointed on a thread of its own: Parley's own
 * settings and checkpoint thread, so only Parley's other work differs. No HTML, no validation,
 * no search index, no unread counts, no per-room places.
 *
 * With `search`, the searching ceiling: the same, plus Parley's search index kept as Parley keeps
 * it (migration 0015's FTS5 table and batch trigger, moved on by src/store/search-index.ts's own
 * statement, on its timer). What keeping every message findable adds to keeping it.
 */
export function storedTurns(onReleased: () => void, { search = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "ceiling-store-"));
  const path = join(dir, "ceiling.db");
  const db = new Database(path);
  db.exec("PRAGMA journal_mode = WAL");
  db.exec("PRAGMA synchronous = NORMAL");
  // As Parley's writer with a checkpoint thread: it checkpoints by itself only as a backstop.
  db.exec("PRAGMA wal_autocheckpoint = 100000");
  // deleted_at: always null, for the search index's statements to run as Parley's do.
  db.exec(
    `CREATE TABLE messages (id INTEGER PRIMARY KEY AUTOINCREMENT, room TEXT NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL${search ? ", deleted_at INTEGER" : ""})`,
  );
  db.exec("CREATE INDEX messages_room ON messages (room, id)");
  const searchIndex = search ? keptSearchIndex(db) : null;
  const statements = new Map<number, ReturnType<Database["prepare"]>>();
  const statementOf = (rows: number) => {
    let statement = statements.get(rows);
    if (!statement) {
      const values = Array.from({ length: rows }, () => "(?, ?, ?)").join(", ");
      statement = db.prepare(`INSERT INTO messages (room, body, created_at) VALUES ${values}`);
      statements.set(rows, statement);
    }
    return statement;
  };
  const commit = db
    .transaction((turn: Map<string, string[]>) => {
      const now = Date.now();
      let values: (string | number)[] = [];
      let rows = 0;
      const insert = () => {
        statementOf(rows).run(...values);
        values = [];
        rows = 0;
      };
      for (const [room, texts] of turn) {
        for (const text of texts) {
          values.push(room, text, now);
          if (++rows === rowsPerStatement) insert();
        }
      }
      if (rows) insert();
    })
    .immediate.bind(null);

  let held = false;
  const checkpoints = checkpointOffTheLoop(path, {
    hold: () => {
      held = true;
      return () => {
        if (!held) return;
        held = false;
        onReleased();
      };
    },
    failed: (error) => console.error(`ceiling: the checkpoint thread failed: ${error}`),
  });

  return {
    /** Whether the checkpoint thread holds commits back (the turn waits for `onReleased`). */
    held: () => held,
    /** Stores a turn's texts, by room, in one transaction; returns once it committed. */
    commit: (turn: Map<string, string[]>) => commit(turn),
    async close() {
      searchIndex?.stop();
      await checkpoints.stop();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Parley's search index over the ceiling's table: its migration, as it is (the table's settings,
 * the mark and the trigger that indexes up to it; the triggers of edits never fire here), and its
 * batch, every second.
 */
function keptSearchIndex(db: Database) {
  const migration = readFileSync(
    join(import.meta.dirname, "../../src/store/migrations/0015_message_search.sql"),
    "utf8",
  ).split("--> statement-breakpoint");
  for (const statement of migration) db.exec(statement);
  const timer = setInterval(() => db.run(indexThroughNewest), searchIndexEveryMs);
  return { stop: () => clearInterval(timer) };
}
