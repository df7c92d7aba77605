import { and, asc, eq, sql } from "drizzle-orm";
import { undoIfBanned } from "./bans.ts";
import type { Dialect } from "./dialect.ts";
import type { RoomRole } from "./records.ts";
import type { MemberQueries } from "./store.ts";
import { toUser, userColumns } from "./user-columns.ts";

/** Who is in a room and as what, and who is banned from it: what owners and moderators change. */
export function memberQueries({ db, tables }: Dialect): MemberQueries {
  const { memberships, roomBans, users } = tables;
  const { columns, avatarJoin } = userColumns(tables);
  const membership = (roomId: number, userId: number) =>
    and(eq(memberships.roomId, roomId), eq(memberships.userId, userId));
  const newestIn = (roomId: number) => {
    const { messages } = tables;
    return sql`(SELECT COALESCE(MAX(${messages.id}), 0) FROM ${messages} WHERE ${messages.roomId} = ${roomId})`;
  };
  return {
    async roster(roomId, limit) {
      const rows = await db
        .select({ ...columns, role: memberships.role })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .leftJoin(...avatarJoin)
        .where(eq(memberships.roomId, roomId))
        .orderBy(sql`lower(coalesce(${users.displayName}, ${users.username}))`, asc(users.id))
        .limit(limit);
      return rows.map(({ role, ...user }) => ({ ...toUser(user), role: role as RoomRole }));
    },

    // A newcomer has read what came before; someone already in keeps their role.
    async add(roomId, userId, role = "member") {
      const rows = await db
        .insert(memberships)
        .values({ roomId, userId, role, lastReadId: newestIn(roomId) })
        .onConflictDoNothing()
        .returning({ userId: memberships.userId });
      return rows.length === 1 && !(await undoIfBanned(db, tables, roomId, userId));
    },

    async setRole(roomId, userId, role) {
      const rows = await db
        .update(memberships)
        .set({ role })
        .where(membership(roomId, userId))
        .returning({ userId: memberships.userId });
      return rows.length === 1;
    },

    async remove(roomId, userId) {
      const rows = await db
        .delete(memberships)
        .where(membership(roomId, userId))
        .returning({ userId: memberships.userId });
      return rows.length === 1;
    },

    // The ban first: were the membership deleted first, a join in between would keep them in.
    async ban(roomId, userId, bannedBy) {
      await db.insert(roomBans).values({ roomId, userId, bannedBy }).onConflictDoNothing();
      await db.delete(memberships).where(membership(roomId, userId));
    },

    async unban(roomId, userId) {
      await db.delete(roomBans).where(and(eq(roomBans.roomId, roomId), eq(roomBans.userId, userId)));
    },

    async banned(roomId) {
      const rows = await db
        .select(columns)
        .from(roomBans)
        .innerJoin(users, eq(users.id, roomBans.userId))
        .leftJoin(...avatarJoin)
        .where(eq(roomBans.roomId, roomId))
        .orderBy(asc(users.username));
      return rows.map(toUser);
    },
  };
}
