import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "./db.ts";
import type { GroupCommit } from "./group-commit.ts";
import { messages } from "./schema.ts";

/**
 * SQLite's renumbering of the replies to a deleted message: one UPDATE gives each standing reply
 * the room's next change number in id order (the window numbers them in the FROM subquery,
 * which is computed whole before any row changes), so a page that catches up gets every quote
 * that now says "deleted". Through the group commit, as changes are.
 */
export function sqliteReplyTouches(db: Db, write: GroupCommit) {
  const statement = (roomId: number, messageId: number, at: Date) => {
    const touched = db
      .select({
        id: messages.id,
        // Named apart from every column of messages: the SET below reads it unqualified.
        nextChange:
          sql<number>`row_number() OVER (ORDER BY ${messages.id}) + (SELECT coalesce(max(m.change_seq), 0) FROM messages AS m WHERE m.room_id = ${roomId} AND m.change_seq > 0)`.as(
            "next_change",
          ),
      })
      .from(messages)
      .where(and(eq(messages.roomId, roomId), eq(messages.replyTo, messageId), isNull(messages.deletedAt)))
      .as("touched");
    return db
      .update(messages)
      .set({ changeSeq: sql`${touched.nextChange}`, changedAt: at })
      .from(touched)
      .where(eq(messages.id, touched.id))
      .returning({ id: messages.id });
  };
  const ids = (rows: { id: number }[]) => rows.map((row) => row.id).sort((a, b) => a - b);
  type Sync = { all(): { id: number }[] };
  return (roomId: number, messageId: number, at: Date) =>
    write(() => ids((statement(roomId, messageId, at) as unknown as Sync).all()));
}
