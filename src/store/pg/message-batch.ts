import { sql } from "drizzle-orm";
import type { PgDb } from "./db.ts";

export interface NewMessage {
  roomId: number;
  userId: number;
  body: string;
  clientKey: string | null;
  /** An attached image's file hash, or null. */
  image: string | null;
}

/** The stored row's id and time, or null when the sender's idempotency key was already used. */
export type Stored = { id: number; createdAt: Date } | null;

/** A stored row as the batch statement returns it. */
export interface Returned {
  id: string;
  room_id: number;
  user_id: number;
  client_key: string | null;
  created_ms: number;
}

/**
 * Stores messages in one statement (one round trip, one commit), in the order given.
 *
 * Order keys: the statement first locks the rows of the rooms it writes to (in id order, so two
 * batches never deadlock), and only then draws ids from the sequence. The locks last until
 * commit, so within a room no other insert can draw an id between this one's and its commit:
 * ids follow commit order per room, and `after=<id>` never skips a message committed late.
 * The lock is an uncorrelated subquery in WHERE, which PostgreSQL evaluates once before the
 * first row (a one-time filter); ids are drawn as rows reach the insert, after it.
 * The time is taken then too (clock_timestamp(), not the statement's start), so within a room
 * times follow ids as well. FOR NO KEY UPDATE does not block the foreign-key checks of other
 * inserts (joins, messages).
 */
export async function insertMessages(db: PgDb, batch: readonly NewMessage[]): Promise<Returned[]> {
  const column = <T>(pick: (m: NewMessage) => T) => sql.param(batch.map(pick));
  return (await db.execute(sql`
    WITH locked AS (
      SELECT id FROM rooms WHERE id = ANY(${sql.param([...new Set(batch.map((m) => m.roomId))])}::int[])
      ORDER BY id FOR NO KEY UPDATE
    )
    INSERT INTO messages (room_id, user_id, body, client_key, image, created_at)
    SELECT room_id, user_id, body, client_key, image, clock_timestamp() FROM (
      SELECT * FROM unnest(
        ${column((m) => m.roomId)}::int[], ${column((m) => m.userId)}::int[],
        ${column((m) => m.body)}::text[], ${column((m) => m.clientKey)}::text[], ${column((m) => m.image)}::text[]
      ) WITH ORDINALITY AS given (room_id, user_id, body, client_key, image, position)
      WHERE (SELECT count(*) FROM locked) >= 0
      ORDER BY position
    ) AS ordered
    ON CONFLICT DO NOTHING
    RETURNING id::text, room_id, user_id, client_key, (extract(epoch FROM created_at) * 1000)::float8 AS created_ms
  `)) as unknown as Returned[];
}

/**
 * RETURNING names no input position: keyed rows are matched by their key (a key repeated within
 * the batch was stored once, for its first use), unkeyed ones by order, since ids were drawn in
 * input order.
 */
export function matchToInput(batch: readonly NewMessage[], rows: Returned[]): Stored[] {
  const toStored = (row: Returned) => ({ id: Number(row.id), createdAt: new Date(row.created_ms) });
  const sorted = [...rows].sort((a, b) => Number(a.id) - Number(b.id));
  const keyed = new Map(
    sorted
      .filter((row) => row.client_key !== null)
      .map((row) => [keyOf(row.room_id, row.user_id, row.client_key), row]),
  );
  const unkeyed = sorted.filter((row) => row.client_key === null);
  const stored = batch.map((m) => {
    if (m.clientKey === null) {
      const row = unkeyed.shift();
      if (!row) throw new Error("message batch returned fewer rows than it was given");
      return toStored(row);
    }
    const key = keyOf(m.roomId, m.userId, m.clientKey);
    const row = keyed.get(key);
    keyed.delete(key);
    return row ? toStored(row) : null;
  });
  return stored;
}

const keyOf = (roomId: number, userId: number, clientKey: string | null) => `${roomId}:${userId}:${clientKey}`;
