import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import type { Db } from "./db.ts";
import type { JoinedRoom, NotifyChoice, ReadState, Room, RoomActivity, User } from "./records.ts";
import { memberships, messages, rooms, users } from "./schema.ts";
import type { RoomQueries } from "./store.ts";
import { avatarJoin, toUser, userColumns } from "./user-columns.ts";

/** Past this many, a room just shows "99+": counting further would cost a scan for nothing. */
export const unreadCap = 100;

const roomColumns = {
  id: rooms.id,
  slug: rooms.slug,
  name: rooms.name,
  topic: rooms.topic,
  createdBy: rooms.createdBy,
  createdAt: rooms.createdAt,
};

export function roomQueries(db: Db): RoomQueries {
  /** Rooms with their newest message: one indexed MAX(id) lookup per room. */
  const withActivity = () => {
    const latest = sql`(SELECT MAX(${messages.id}) FROM ${messages} WHERE ${messages.roomId} = ${rooms.id})`;
    return db
      .select({
        room: roomColumns,
        lastId: messages.id,
        lastBody: messages.body,
        lastAt: messages.createdAt,
        lastBy: users.username,
        lastByName: users.displayName,
      })
      .from(rooms)
      .leftJoin(messages, eq(messages.id, latest))
      .leftJoin(users, eq(users.id, messages.userId));
  };
  type ActivityRow = Awaited<ReturnType<typeof withActivity>>[number];
  const toActivity = (row: ActivityRow): RoomActivity => ({
    ...row.room,
    lastMessage:
      row.lastId === null || row.lastBody === null || row.lastAt === null
        ? null
        : { id: row.lastId, body: row.lastBody, createdAt: row.lastAt, name: row.lastByName ?? row.lastBy ?? "" },
  });
  /** Read state per joined room: unread messages (up to the cap) and mentions after the read mark. */
  const readStates = async (userId: number, roomId?: number) => {
    // Spelled out with table names: in a one-table select drizzle leaves columns unqualified,
    // and inside these subqueries an unqualified room_id would be the subquery's own.
    const unread = sql<number>`(SELECT COUNT(*) FROM "messages" AS m WHERE m."room_id" = "memberships"."room_id" AND m."id" > "memberships"."last_read_id" AND m."user_id" != ${userId})`;
    const mentioned = sql<number>`(SELECT COUNT(*) FROM "mentions" AS n WHERE n."user_id" = ${userId} AND n."room_id" = "memberships"."room_id" AND n."message_id" > "memberships"."last_read_id")`;
    const mine = eq(memberships.userId, userId);
    const rows = await db
      .select({
        roomId: memberships.roomId,
        lastReadId: memberships.lastReadId,
        notify: memberships.notify,
        unread,
        mentions: mentioned,
      })
      .from(memberships)
      .where(roomId === undefined ? mine : and(mine, eq(memberships.roomId, roomId)));
    return new Map(
      rows.map((row) => [
        row.roomId,
        {
          lastReadId: row.lastReadId,
          unread: Math.min(unreadCap, Number(row.unread)),
          mentions: Number(row.mentions),
          notify: row.notify as NotifyChoice,
        },
      ]),
    );
  };
  const byActivity = [desc(sql`COALESCE(${messages.id}, 0)`), asc(rooms.name)];

  return {
    /** Null when the slug is taken. */
    async create(room: { name: string; slug: string; topic: string; createdBy: number }): Promise<Room | null> {
      const rows = await db.insert(rooms).values(room).onConflictDoNothing().returning(roomColumns);
      return rows[0] ?? null;
    },

    async findBySlug(slug: string): Promise<Room | null> {
      const rows = await db.select(roomColumns).from(rooms).where(eq(rooms.slug, slug));
      return rows[0] ?? null;
    },

    /** Room names differ only in case at most: "General" and "general" are one name. */
    async findByName(name: string): Promise<Room | null> {
      const rows = await db
        .select(roomColumns)
        .from(rooms)
        .where(eq(sql`lower(${rooms.name})`, name.toLowerCase()))
        .limit(1);
      return rows[0] ?? null;
    },

    async setTopic(roomId: number, topic: string): Promise<void> {
      await db.update(rooms).set({ topic }).where(eq(rooms.id, roomId));
    },

    async memberCount(roomId: number): Promise<number> {
      const rows = await db.select({ n: count() }).from(memberships).where(eq(memberships.roomId, roomId));
      return rows[0]?.n ?? 0;
    },

    async members(roomId: number, limit: number): Promise<User[]> {
      const rows = await db
        .select(userColumns)
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .leftJoin(...avatarJoin)
        .where(eq(memberships.roomId, roomId))
        .orderBy(sql`lower(coalesce(${users.displayName}, ${users.username}))`, asc(users.id))
        .limit(limit);
      return rows.map(toUser);
    },

    /** Rooms, most recently active first: all of them, or one page; without those `exceptJoinedBy` has joined. */
    async listWithActivity(page?: { limit: number; offset: number }, exceptJoinedBy?: number): Promise<RoomActivity[]> {
      const joined = sql`EXISTS (SELECT 1 FROM ${memberships} WHERE ${memberships.roomId} = ${rooms.id} AND ${memberships.userId} = ${exceptJoinedBy})`;
      const query = withActivity();
      const ordered = (exceptJoinedBy === undefined ? query : query.where(sql`NOT ${joined}`)).orderBy(...byActivity);
      const rows = await (page ? ordered.limit(page.limit).offset(page.offset) : ordered);
      return rows.map(toActivity);
    },

    /** The rooms a user has joined, most recently active first, with what they have not read there. */
    async listJoinedBy(userId: number): Promise<JoinedRoom[]> {
      const rows = await withActivity()
        .innerJoin(memberships, and(eq(memberships.roomId, rooms.id), eq(memberships.userId, userId)))
        .orderBy(...byActivity);
      const reads = await readStates(userId);
      return rows.map((row) => {
        const read = reads.get(row.room.id) ?? { lastReadId: 0, unread: 0, mentions: 0, notify: "mentions" as const };
        return { ...toActivity(row), ...read };
      });
    },

    /** What the person has not read in one room (zeros when they are not in it). */
    async readState(roomId: number, userId: number): Promise<ReadState & { notify: NotifyChoice }> {
      return (
        (await readStates(userId, roomId)).get(roomId) ?? { lastReadId: 0, unread: 0, mentions: 0, notify: "mentions" }
      );
    },

    /**
     * Moves the person's read mark forward to `messageId` (never back, never past the room's newest
     * message: a mark from the future would silence every message to come); the mark it ends at.
     */
    async markRead(roomId: number, userId: number, messageId: number): Promise<number> {
      const newest = sql`(SELECT COALESCE(MAX(${messages.id}), 0) FROM ${messages} WHERE ${messages.roomId} = ${roomId})`;
      const rows = await db
        .update(memberships)
        .set({ lastReadId: sql`MAX(${memberships.lastReadId}, MIN(${messageId}, ${newest}))` })
        .where(and(eq(memberships.roomId, roomId), eq(memberships.userId, userId)))
        .returning({ lastReadId: memberships.lastReadId });
      return rows[0]?.lastReadId ?? 0;
    },

    async setNotify(roomId: number, userId: number, notify: NotifyChoice): Promise<void> {
      await db
        .update(memberships)
        .set({ notify })
        .where(and(eq(memberships.roomId, roomId), eq(memberships.userId, userId)));
    },

    /** Idempotent: leaving a room one is not in does nothing. */
    async leave(roomId: number, userId: number): Promise<void> {
      await db.delete(memberships).where(and(eq(memberships.roomId, roomId), eq(memberships.userId, userId)));
    },

    /** Idempotent: joining twice keeps the first join. A newcomer has read what came before. */
    async join(roomId: number, userId: number): Promise<void> {
      const newest = sql`(SELECT COALESCE(MAX(${messages.id}), 0) FROM ${messages} WHERE ${messages.roomId} = ${roomId})`;
      await db.insert(memberships).values({ roomId, userId, lastReadId: newest }).onConflictDoNothing();
    },
  };
}
