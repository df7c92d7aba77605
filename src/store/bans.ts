import { and, eq, sql } from "drizzle-orm";
import type { QueryDb } from "./dialect.ts";
import type { Tables } from "./tables.ts";

/**
 * Takes back a membership just written if the person is banned from the room; true if it did.
 * A ban commits the ban first, then deletes the membership; a join writes the membership, then
 * looks for a ban. Whichever order two of them run in, one of the two sees the other, so a join
 * racing a ban (a socket opening as the owner bans) never leaves a banned person a member.
 */
export async function undoIfBanned(db: QueryDb, { memberships }: Tables, roomId: number, userId: number) {
  const rows = await db
    .delete(memberships)
    .where(
      and(
        eq(memberships.roomId, roomId),
        eq(memberships.userId, userId),
        sql`EXISTS (SELECT 1 FROM "room_bans" AS b WHERE b."room_id" = ${roomId} AND b."user_id" = ${userId})`,
      ),
    )
    .returning({ userId: memberships.userId });
  return rows.length > 0;
}
