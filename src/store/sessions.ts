import { and, eq, gt, inArray, lte, ne } from "drizzle-orm";
import type { Dialect } from "./dialect.ts";
import type { SessionQueries } from "./store.ts";
import { toUser, userColumns } from "./user-columns.ts";

export function sessionQueries({ db, tables }: Dialect): SessionQueries {
  const { sessions, users } = tables;
  const { columns, avatarJoin } = userColumns(tables);
  return {
    async create(id, userId, expiresAt, roomId = null) {
      await db.insert(sessions).values({ id, userId, expiresAt, roomId });
    },

    async find(id, now) {
      const rows = await db
        .select({ ...columns, expiresAt: sessions.expiresAt, roomId: sessions.roomId })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .leftJoin(...avatarJoin)
        .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now)));
      if (!rows[0]) return null;
      // Apart, or the session's expiry would ride along inside the User.
      const { expiresAt, roomId, ...user } = rows[0];
      return { user: toUser(user), expiresAt, roomId };
    },

    async extend(id, expiresAt) {
      await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, id));
    },

    async delete(id) {
      await db.delete(sessions).where(eq(sessions.id, id));
    },

    async deleteOthers(userId, keep) {
      await db.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.id, keep)));
    },

    async deleteForRoom(roomId, kind) {
      const ofKind = kind
        ? inArray(sessions.userId, db.select({ id: users.id }).from(users).where(eq(users.kind, kind)))
        : undefined;
      const rows = await db
        .delete(sessions)
        .where(and(eq(sessions.roomId, roomId), ofKind))
        .returning({ id: sessions.id });
      return rows.map((row) => row.id);
    },

    async deleteExpired(now) {
      await db.delete(sessions).where(lte(sessions.expiresAt, now));
    },
  };
}
