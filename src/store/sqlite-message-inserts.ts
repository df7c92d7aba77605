import type { Db } from "./db.ts";
import type { NewMessage, StoredMessage } from "./dialect.ts";
import type { GroupCommit } from "./group-commit.ts";
import { roomPlaces, syncClientOf } from "./room-places.ts";
import { isStorageUnavailable } from "./unavailable.ts";

const insertInto =
  "INSERT INTO messages (room_id, user_id, body, image, client_key, reply_to, created_at, seq, change_seq) VALUES";
const row = "(?, ?, ?, ?, ?, ?, ?, ?, 0)";
/**
 * Rows per statement at most. SQLite's cost per statement (binding, stepping, resetting, the
 * driver's call) is about a third of a one-row insert; past a few dozen rows it is spread thin.
 * 64 rows are 512 values, far under SQLite's limit of 32,766.
 */
const rowsPerStatement = 64;

type Outcome = { ok: true; stored: StoredMessage } | { ok: false; error: unknown };
interface Queued {
  message: NewMessage;
  createdAt: Date;
}

/**
 * SQLite's message write path: a turn's messages go to the group commit (one transaction) as one
 * write, stored by multi-row INSERTs in arrival order. No RETURNING (SQLite buffers returned
 * rows, which doubled an insert's cost): ids are drawn one after another in the order of the
 * rows, so the last rowid tells them all; the time is taken here, and each room's places are
 * numbered on from its newest (room-places.ts), in the same transaction.
 * A statement stores all its rows or none (SQLite undoes a failed statement alone): a row that
 * cannot be stored (an unknown room, author or image) or whose key was already used sends the
 * statement's rows through one at a time, where it fails or is skipped alone and the rest keep
 * their order. A full disk or read-only file stops the turn there: what was written before
 * commits (or not) with it, and the rest fails as storage unavailable. Statements are the connection's own, run with positional values: drizzle's
 * placeholders cost more per message than SQLite's insert itself.
 */
export function sqliteMessageWrites(db: Db, write: GroupCommit): (message: NewMessage) => Promise<StoredMessage> {
  const client = syncClientOf(db);
  const places = roomPlaces(db);
  const oneRow = client.prepare(`${insertInto} ${row} ON CONFLICT DO NOTHING`);
  const manyRows = new Map<number, ReturnType<typeof client.prepare>>();
  const statementOf = (rows: number) => {
    let statement = manyRows.get(rows);
    if (!statement) {
      statement = client.prepare(`${insertInto} ${Array.from({ length: rows }, () => row).join(", ")}`);
      manyRows.set(rows, statement);
    }
    return statement;
  };

  const storeOne = ({ message: m, createdAt }: Queued, transaction: number): StoredMessage => {
    const seq = places.next(m.roomId, transaction);
    const run = oneRow.run(m.roomId, m.userId, m.body, m.image, m.clientKey, m.replyTo, createdAt.getTime(), seq);
    if (run.changes !== 1) return null;
    places.taken(m.roomId, seq);
    return { id: Number(run.lastInsertRowid), createdAt, seq };
  };

  /** `rows` as statements of up to `rowsPerStatement`, in order: each row's outcome. */
  const storeTurn = (rows: Queued[], transaction: number): Outcome[] => {
    // A full disk or a read-only file may have rolled the whole transaction back: from the first
    // such failure on, nothing more of the turn is written, so nothing lands outside it.
    let halted: { error: unknown } | null = null;
    const failed = (error: unknown): Outcome => {
      if (isStorageUnavailable(error)) halted ??= { error };
      return { ok: false, error };
    };
    const oneByOne = (chunk: Queued[]): Outcome[] =>
      chunk.map((queued) => {
        if (halted) return { ok: false, error: halted.error };
        try {
          return { ok: true, stored: storeOne(queued, transaction) };
        } catch (error) {
          return failed(error);
        }
      });
    const together = (chunk: Queued[]): Outcome[] => {
      const newest = new Map<number, number>();
      const seqs: number[] = [];
      const values: unknown[] = [];
      for (const { message: m, createdAt } of chunk) {
        const seq = (newest.get(m.roomId) ?? places.next(m.roomId, transaction) - 1) + 1;
        newest.set(m.roomId, seq);
        seqs.push(seq);
        values.push(m.roomId, m.userId, m.body, m.image, m.clientKey, m.replyTo, createdAt.getTime(), seq);
      }
      let lastId: number;
      try {
        lastId = Number(statementOf(chunk.length).run(...values).lastInsertRowid);
      } catch (error) {
        // SQLite undid this statement alone: a row it refused goes again on its own.
        return isStorageUnavailable(error) ? chunk.map(() => failed(error)) : oneByOne(chunk);
      }
      for (const [roomId, seq] of newest) places.taken(roomId, seq);
      const firstId = lastId - chunk.length + 1;
      return chunk.map(({ createdAt }, i) => ({ ok: true, stored: { id: firstId + i, createdAt, seq: seqs[i] ?? 0 } }));
    };
    const outcomes: Outcome[] = [];
    for (let i = 0; i < rows.length; i += rowsPerStatement) {
      const chunk = rows.slice(i, i + rowsPerStatement);
      outcomes.push(...(halted || chunk.length === 1 ? oneByOne(chunk) : together(chunk)));
    }
    return outcomes;
  };

  let turn: Queued[] | null = null;
  let stored: Promise<Outcome[]> = Promise.resolve([]);
  return (message) => {
    if (!turn) {
      const rows: Queued[] = [];
      turn = rows;
      stored = write((transaction) => {
        // Messages that come after this write runs belong to the next transaction.
        turn = null;
        return storeTurn(rows, transaction);
      }).catch((error: unknown) => {
        places.forget();
        throw error;
      });
    }
    const position = turn.push({ message, createdAt: new Date() }) - 1;
    return stored.then((outcomes) => {
      const outcome = outcomes[position];
      if (!outcome) throw new Error("a message was left out of its transaction");
      if (!outcome.ok) throw outcome.error;
      return outcome.stored;
    });
  };
}
