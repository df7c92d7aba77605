import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type { Dialect } from "./dialect.ts";
import type { InviteQueries } from "./store.ts";

/** Invite links, kept by the digest of their code (as sessions are): a leaked database opens no room. */
export function inviteQueries({ db, tables }: Dialect): InviteQueries {
  const { roomInvites, rooms } = tables;
  const columns = {
    id: roomInvites.id,
    roomId: roomInvites.roomId,
    createdBy: roomInvites.createdBy,
    createdAt: roomInvites.createdAt,
    expiresAt: roomInvites.expiresAt,
    revokedAt: roomInvites.revokedAt,
  };
  const live = (now: Date) => and(isNull(roomInvites.revokedAt), gt(roomInvites.expiresAt, now));
  return {
    async create(invite) {
      const [row] = await db.insert(roomInvites).values(invite).returning(columns);
      if (!row) throw new Error(`the invite to room ${invite.roomId} was not stored`);
      return row;
    },

    async findLive(codeHash, now) {
      const [row] = await db
        .select({ ...columns, slug: rooms.slug })
        .from(roomInvites)
        .innerJoin(rooms, eq(rooms.id, roomInvites.roomId))
        .where(and(eq(roomInvites.codeHash, codeHash), live(now)));
      if (!row) return null;
      const { slug, ...invite } = row;
      return { invite, slug };
    },

    async listLive(roomId, now) {
      return db
        .select(columns)
        .from(roomInvites)
        .where(and(eq(roomInvites.roomId, roomId), live(now)))
        .orderBy(desc(roomInvites.id));
    },

    async revoke(roomId, id, now) {
      const rows = await db
        .update(roomInvites)
        .set({ revokedAt: now })
        .where(and(eq(roomInvites.id, id), eq(roomInvites.roomId, roomId), isNull(roomInvites.revokedAt)))
        .returning({ id: roomInvites.id });
      return rows.length === 1;
    },
  };
}
