import { and, eq, gt, inArray, lte, ne } from "drizzle-orm";
import type { Db } from "./db.ts";
import type { User, UserKind } from "./records.ts";
import { sessions, users } from "./schema.ts";
import type { SessionQueries } from "./store.ts";
import { avatarJoin, toUser, userColumns } from "./user-columns.ts";

export function sessionQueries(db: Db): SessionQueries {
  return {
    async create(id: string, userId: number, expiresAt: Date, roomId: number | null = null): Promise<void> {
      await db.insert(sessions).values({ id, userId, expiresAt, roomId });
    },

    /** The session's user, if the session exists and has not expired. */
    async find(id: string, now: Date): Promise<{ user: User; expiresAt: Date; roomId: number | null } | null> {
      const rows = await db
        .select({ ...userColumns, expiresAt: sessions.expiresAt, roomId: sessions.roomId })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .leftJoin(...avatarJoin)
        .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now)));
      if (!rows[0]) return null;
      // Apart, or the session's expiry would ride along inside the User.
      const { expiresAt, roomId, ...user } = rows[0];
      return { user: toUser(user), expiresAt, roomId };
    },

    async extend(id: string, expiresAt: Date): Promise<void> {
      await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, id));
    },

    async delete(id: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.id, id));
    },

    /** Ends every session of the user but `keep` (after a password change). */
    async deleteOthers(userId: number, keep: string): Promise<void> {
      await db.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.id, keep)));
    },

    async deleteForRoom(roomId: number, kind?: UserKind): Promise<string[]> {
      const ofKind = kind
        ? inArray(sessions.userId, db.select({ id: users.id }).from(users).where(eq(users.kind, kind)))
        : undefined;
      const rows = await db
        .delete(sessions)
        .where(and(eq(sessions.roomId, roomId), ofKind))
        .returning({ id: sessions.id });
      return rows.map((row) => row.id);
    },

    async deleteExpired(now: Date): Promise<void> {
      await db.delete(sessions).where(lte(sessions.expiresAt, now));
    },
  };
}
