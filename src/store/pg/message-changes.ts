import { eq, sql } from "drizzle-orm";
import type { MessageChange, QueryDb } from "../dialect.ts";
import { sideWrites } from "../message-change-writes.ts";
import type { PgDb } from "./db.ts";
import { pgTables } from "./schema.ts";

/**
 * PostgreSQL's changes, in one transaction: the message's row is locked first (a second change
 * of it waits, then finds it as the first left it: a deleted message takes no number), then the
 * room's counter moves (`rooms.last_change`, as `last_seq` does for places). That lock lasts until
 * commit, so within a room change numbers follow commit order: a page that holds change n and is
 * told "whole through n" has every change up to it.
 */
export const pgMessageChanges =
  (db: PgDb) =>
  (change: MessageChange): Promise<number | null> =>
    db.transaction(async (pgTx) => {
      // The shared builders' one cast, as in store.ts; the counter is PostgreSQL's alone, so SQL.
      const tx = pgTx as unknown as QueryDb;
      const { messages } = pgTables;
      const { roomId, messageId, set, at, unchangedSince } = change;
      const unchanged = unchangedSince === undefined ? sql`` : sql` AND change_seq = ${unchangedSince}`;
      const [target] = (await pgTx.execute(
        sql`SELECT id FROM messages WHERE id = ${messageId} AND room_id = ${roomId} AND deleted_at IS NULL${unchanged} FOR NO KEY UPDATE`,
      )) as unknown as { id: string }[];
      if (!target) return null;
      const [room] = (await pgTx.execute(
        sql`UPDATE rooms SET last_change = last_change + 1 WHERE id = ${roomId} RETURNING last_change`,
      )) as unknown as { last_change: number }[];
      if (!room) return null;
      await tx
        .update(messages)
        .set({ ...set, changeSeq: room.last_change, changedAt: at })
        .where(eq(messages.id, messageId));
      for (const statement of sideWrites(tx, pgTables, change)) await statement;
      return room.last_change;
    });
