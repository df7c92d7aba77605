import { sql } from "drizzle-orm";
import type { NewMessage, StoredMessage } from "../dialect.ts";
import type { RunBatch } from "./message-writer.ts";

/** A stored row as the batch statement returns it. */
export interface Returned {
  id: string;
  room_id: number;
  user_id: number;
  client_key: string | null;
  seq: number;
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
 * inserts (joins, invites).
 *
 * Places in the room (`seq`): each room's counter moves by the number of new rows, and they are
 * numbered from where it stood. The UPDATE reads the counter's latest committed value (READ
 * COMMITTED follows a row to its newest version), which max(seq) from the statement's snapshot
 * would not. A resent key takes no number: keys already stored, and repeats within the batch, are
 * left out first (repeats within the batch by numbering each key's uses, not by comparing every
 * pair, which cost a burst of 1,600 keyed messages 180 ms). Only two instances storing the same
 * key at the same moment get past that check (the snapshot predates the other's commit); that row then skips a number, which a page
 * survives (catch-up tells it where it stands). A room that does not exist has no counter: its
 * row still reaches the insert (a left join), and fails there, so the batch is tried one by one.
 *
 * Rooms and authors are not foreign keys of a message (pg/schema.ts, `messageOwnersByKey`): this
 * statement checks them once per batch. Each author is locked FOR KEY SHARE, as a foreign key's
 * check locks it, so no deletion of that person commits before the batch does (their messages
 * then go with them, by trigger); an author that does not exist gives a null `user_id`, which
 * fails the insert as a missing room does.
 */
export async function insertMessages(run: RunBatch, batch: readonly NewMessage[]): Promise<Returned[]> {
  const column = <T>(pick: (m: NewMessage) => T) => sql.param(batch.map(pick));
  return (await run(sql`
    WITH given AS (
      SELECT *, ${keyUses(batch)} AS key_use
      FROM unnest(
        ${column((m) => m.roomId)}::int[], ${column((m) => m.userId)}::int[],
        ${column((m) => m.body)}::text[], ${column((m) => m.clientKey)}::text[], ${column((m) => m.image)}::text[],
        ${column((m) => m.replyTo)}::bigint[]
      ) WITH ORDINALITY AS given (room_id, user_id, body, client_key, image, reply_to, position)
    ),
    locked AS (
      SELECT id FROM rooms WHERE id = ANY(${sql.param([...new Set(batch.map((m) => m.roomId))])}::int[])
      ORDER BY id FOR NO KEY UPDATE
    ),
    authors AS (
      SELECT id FROM users WHERE id = ANY(${sql.param([...new Set(batch.map((m) => m.userId))])}::int[])
      ORDER BY id FOR KEY SHARE
    ),
    fresh AS (
      SELECT g.room_id, g.user_id, g.body, g.client_key, g.image, g.reply_to, g.position,
        row_number() OVER (PARTITION BY g.room_id ORDER BY g.position) AS nth
      FROM given g
      WHERE (SELECT count(*) FROM locked) >= 0
        AND (g.client_key IS NULL OR (
          NOT EXISTS (SELECT 1 FROM messages m
            WHERE m.room_id = g.room_id AND m.user_id = g.user_id AND m.client_key = g.client_key)
          AND g.key_use = 1))
    ),
    counted AS (
      UPDATE rooms SET last_seq = rooms.last_seq + n.count
      FROM (SELECT room_id, count(*)::int AS count FROM fresh GROUP BY room_id) AS n
      WHERE rooms.id = n.room_id
      RETURNING rooms.id, rooms.last_seq - n.count AS base
    )
    INSERT INTO messages (room_id, user_id, body, client_key, image, reply_to, created_at, seq)
    SELECT f.room_id, a.id, f.body, f.client_key, f.image, f.reply_to, clock_timestamp(), c.base + f.nth
    FROM fresh f LEFT JOIN counted c ON c.id = f.room_id LEFT JOIN authors a ON a.id = f.user_id
    ORDER BY f.position
    ON CONFLICT DO NOTHING
    RETURNING id::text, room_id, user_id, client_key, seq,
      (extract(epoch FROM created_at) * 1000)::float8 AS created_ms
  `)) as unknown as Returned[];
}

/** Which use of its key each message is (1 for the first); a batch without keys skips the sort. */
const keyUses = (batch: readonly NewMessage[]) =>
  batch.some((m) => m.clientKey !== null)
    ? sql`row_number() OVER (PARTITION BY room_id, user_id, client_key ORDER BY position)`
    : sql`1`;

/**
 * RETURNING names no input position: keyed rows are matched by their key (a key repeated within
 * the batch was stored once, for its first use), unkeyed ones by order, since ids were drawn in
 * input order.
 */
export function matchToInput(batch: readonly NewMessage[], rows: Returned[]): StoredMessage[] {
  const toStored = (row: Returned) => ({ id: Number(row.id), createdAt: new Date(row.created_ms), seq: row.seq });
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
