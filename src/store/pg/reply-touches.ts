import { sql } from "drizzle-orm";
import type { PgDb } from "./db.ts";

/**
 * PostgreSQL's renumbering of the replies to a deleted message, in one statement: the replies'
 * rows are locked first and the room's counter (`rooms.last_change`) moved after, in the order
 * a single change takes them (message-changes.ts), so the two never wait on each other in a
 * cycle; the room's row lock lasts until commit, so change numbers still follow commit order.
 */
export const pgReplyTouches =
  (db: PgDb) =>
  async (roomId: number, messageId: number, at: Date): Promise<number[]> => {
    const rows = (await db.execute(sql`
      WITH replies AS (
        SELECT id FROM messages
        WHERE room_id = ${roomId} AND reply_to = ${messageId} AND deleted_at IS NULL
        ORDER BY id
        FOR NO KEY UPDATE
      ), numbered AS (
        SELECT id, row_number() OVER (ORDER BY id) AS nth, count(*) OVER () AS total FROM replies
      ), counter AS (
        UPDATE rooms SET last_change = last_change + (SELECT count(*) FROM replies)
        WHERE id = ${roomId} AND EXISTS (SELECT 1 FROM replies)
        RETURNING last_change
      )
      UPDATE messages SET change_seq = counter.last_change - numbered.total + numbered.nth, changed_at = ${at.toISOString()}::timestamptz
      FROM numbered, counter
      WHERE messages.id = numbered.id
      RETURNING messages.id AS id`)) as unknown as { id: string | number }[];
    return rows.map((row) => Number(row.id)).sort((a, b) => a - b);
  };
