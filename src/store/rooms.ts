import { and, asc, count, desc, eq, type SQLWrapper, sql } from "drizzle-orm";
import { undoIfBanned } from "./bans.ts";
import type { Dialect } from "./dialect.ts";
import type { NotifyChoice, RoomActivity } from "./records.ts";
import type { RoomQueries } from "./store.ts";

/** Past this many, a room just shows "99+": counting further would cost a scan for nothing. */
export const unreadCap = 100;

export function roomQueries(dialect: Dialect): RoomQueries {
  const { db, tables, prepared } = dialect;
  const { memberships, messages, rooms, users } = tables;
  const roomColumns = {
    id: rooms.id,
    slug: rooms.slug,
    name: rooms.name,
    topic: rooms.topic,
    createdBy: rooms.createdBy,
    createdAt: rooms.createdAt,
    visibility: rooms.visibility,
  };
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
  /**
   * A membership's unread messages and mentions after its read mark, for `userId` (a number, or a
   * placeholder in a prepared query). Spelled out with table names: in a one-table select drizzle
   * leaves columns unqualified, and inside these subqueries an unqualified room_id would be the subquery's own.
   */
  const countsFor = (userId: number | SQLWrapper) => ({
    unread: sql<number>`(SELECT COUNT(*) FROM "messages" AS m WHERE m."room_id" = "memberships"."room_id" AND m."id" > "memberships"."last_read_id" AND m."user_id" != ${userId})`,
    mentioned: sql<number>`(SELECT COUNT(*) FROM "mentions" AS n WHERE n."user_id" = ${userId} AND n."room_id" = "memberships"."room_id" AND n."message_id" > "memberships"."last_read_id")`,
  });
  /** Read state per joined room: unread messages (up to the cap) and mentions after the read mark. */
  const readStates = async (userId: number) => {
    const { unread, mentioned } = countsFor(userId);
    const rows = await db
      .select({
        roomId: memberships.roomId,
        lastReadId: memberships.lastReadId,
        notify: memberships.notify,
        unread,
        mentions: mentioned,
      })
      .from(memberships)
      .where(eq(memberships.userId, userId));
    return new Map(rows.map((row) => [row.roomId, toReadState(row)]));
  };
  const toReadState = (row: { lastReadId: number; notify: string; unread: unknown; mentions: unknown }) => ({
    lastReadId: row.lastReadId,
    unread: Math.min(unreadCap, Number(row.unread)),
    // PostgreSQL's COUNT is a bigint, which its driver hands over as text.
    mentions: Number(row.mentions),
    notify: row.notify as NotifyChoice,
  });
  const unreadNothing = { lastReadId: 0, unread: 0, mentions: 0, notify: "mentions" as const };
  // A read mark is written and its room's state read back for every few messages a page shows:
  // both are prepared once (building them cost more than running them).
  const roomIdSlot = sql.placeholder("roomId");
  const userIdSlot = sql.placeholder("userId");
  const oneRoomsState = prepared(
    db
      .select({
        lastReadId: memberships.lastReadId,
        notify: memberships.notify,
        unread: countsFor(userIdSlot).unread,
        mentions: countsFor(userIdSlot).mentioned,
      })
      .from(memberships)
      .where(and(eq(memberships.userId, userIdSlot), eq(memberships.roomId, roomIdSlot))),
    "room_read_state",
  );
  // Never past the room's newest message: a mark from the future would silence every message to come.
  const moveReadMark = prepared(
    db
      .update(memberships)
      .set({
        lastReadId: dialect.greatest(
          memberships.lastReadId,
          dialect.least(
            sql`${sql.placeholder("messageId")}`,
            sql`(SELECT COALESCE(MAX(${messages.id}), 0) FROM ${messages} WHERE ${messages.roomId} = ${roomIdSlot})`,
          ),
        ),
      })
      .where(and(eq(memberships.roomId, roomIdSlot), eq(memberships.userId, userIdSlot)))
      .returning({ lastReadId: memberships.lastReadId }),
    "move_read_mark",
  );
  const byActivity = [desc(sql`COALESCE(${messages.id}, 0)`), asc(dialect.byteOrder(rooms.name))];
  const newestIn = (roomId: number) =>
    sql`(SELECT COALESCE(MAX(${messages.id}), 0) FROM ${messages} WHERE ${messages.roomId} = ${roomId})`;
  const membership = (roomId: number, userId: number) =>
    and(eq(memberships.roomId, roomId), eq(memberships.userId, userId));

  return {
    async create(room) {
      const rows = await db.insert(rooms).values(room).onConflictDoNothing().returning(roomColumns);
      return rows[0] ?? null;
    },

    async findBySlug(slug) {
      const rows = await db.select(roomColumns).from(rooms).where(eq(rooms.slug, slug));
      return rows[0] ?? null;
    },

    async findByName(name) {
      const rows = await db
        .select(roomColumns)
        .from(rooms)
        .where(eq(sql`lower(${rooms.name})`, name.toLowerCase()))
        .orderBy(asc(rooms.id))
        .limit(1);
      return rows[0] ?? null;
    },

    async setTopic(roomId, topic) {
      await db.update(rooms).set({ topic }).where(eq(rooms.id, roomId));
    },

    async memberCount(roomId) {
      const rows = await db.select({ n: count() }).from(memberships).where(eq(memberships.roomId, roomId));
      return rows[0]?.n ?? 0;
    },

    async listWithActivity(page, exceptJoinedBy) {
      const joined = sql`EXISTS (SELECT 1 FROM ${memberships} WHERE ${memberships.roomId} = ${rooms.id} AND ${memberships.userId} = ${exceptJoinedBy ?? null})`;
      // Only public rooms are ever listed to people outside them.
      const listed = eq(rooms.visibility, "public");
      // Nor a room the reader is banned from: to them it does not exist.
      const banned = sql`EXISTS (SELECT 1 FROM "room_bans" AS b WHERE b."room_id" = ${rooms.id} AND b."user_id" = ${exceptJoinedBy ?? null})`;
      const query = withActivity().where(
        exceptJoinedBy === undefined ? listed : and(listed, sql`NOT ${joined}`, sql`NOT ${banned}`),
      );
      const ordered = query.orderBy(...byActivity);
      const rows = await (page ? ordered.limit(page.limit).offset(page.offset) : ordered);
      return rows.map(toActivity);
    },

    async listJoinedBy(userId) {
      const banned = sql`EXISTS (SELECT 1 FROM "room_bans" AS b WHERE b."room_id" = ${rooms.id} AND b."user_id" = ${userId})`;
      const rows = await withActivity()
        .innerJoin(memberships, and(eq(memberships.roomId, rooms.id), eq(memberships.userId, userId)))
        .where(sql`NOT ${banned}`)
        .orderBy(...byActivity);
      const reads = await readStates(userId);
      return rows.map((row) => ({ ...toActivity(row), ...(reads.get(row.room.id) ?? unreadNothing) }));
    },

    async readState(roomId, userId) {
      const [row] = (await oneRoomsState.execute({ roomId, userId })) as Parameters<typeof toReadState>[0][];
      return row ? toReadState(row) : unreadNothing;
    },

    async markRead(roomId, userId, messageId) {
      const rows = (await moveReadMark.execute({ roomId, userId, messageId })) as { lastReadId: number }[];
      return rows[0]?.lastReadId ?? 0;
    },

    async setNotify(roomId, userId, notify) {
      await db.update(memberships).set({ notify }).where(membership(roomId, userId));
    },

    async leave(roomId, userId) {
      await db.delete(memberships).where(membership(roomId, userId));
    },

    async standing(roomId, userId) {
      const { roomBans } = tables;
      const [member] = await db.select({ role: memberships.role }).from(memberships).where(membership(roomId, userId));
      const [ban] = await db
        .select({ userId: roomBans.userId })
        .from(roomBans)
        .where(and(eq(roomBans.roomId, roomId), eq(roomBans.userId, userId)));
      return { role: member?.role ?? null, banned: ban !== undefined };
    },

    // A newcomer has read what came before.
    async join(roomId, userId) {
      const joined = await db
        .insert(memberships)
        .values({ roomId, userId, lastReadId: newestIn(roomId) })
        .onConflictDoNothing()
        .returning({ userId: memberships.userId });
      // Only a membership written just now can have raced a ban (every socket joins: most find one).
      if (joined.length > 0) await undoIfBanned(db, tables, roomId, userId);
    },

    async rename(roomId, name) {
      await db.update(rooms).set({ name }).where(eq(rooms.id, roomId));
    },

    async delete(roomId) {
      await db.delete(rooms).where(eq(rooms.id, roomId));
    },

    async findPublicByName(name) {
      const rows = await db
        .select(roomColumns)
        .from(rooms)
        .where(and(eq(sql`lower(${rooms.name})`, name.toLowerCase()), eq(rooms.visibility, "public")))
        .orderBy(asc(rooms.id))
        .limit(1);
      return rows[0] ?? null;
    },

    // The same people reuse their room. Everyone is (made) a member on every open, so a room
    // left half-made by a failure between the two writes is whole the next time.
    async openDirect(room, people) {
      const everyone = [...new Set(people)].sort((a, b) => a - b);
      const directKey = everyone.join(",");
      const [made] = await db
        .insert(rooms)
        .values({ ...room, topic: "", visibility: "direct", directKey })
        .onConflictDoNothing()
        .returning(roomColumns);
      const [found] = made ? [made] : await db.select(roomColumns).from(rooms).where(eq(rooms.directKey, directKey));
      if (!found) return null;
      await db
        .insert(memberships)
        .values(everyone.map((userId) => ({ roomId: found.id, userId, lastReadId: newestIn(found.id) })))
        .onConflictDoNothing();
      return found;
    },

    async overview({ limit, offset }) {
      // Spelled out with table names, as in readStates: the subqueries must name the outer room.
      const memberCount = sql<number>`(SELECT COUNT(*) FROM "memberships" AS ms WHERE ms."room_id" = "rooms"."id")`;
      const messageCount = sql<number>`(SELECT COUNT(*) FROM "messages" AS m WHERE m."room_id" = "rooms"."id")`;
      const rows = await db
        .select({ room: roomColumns, creator: users.username, members: memberCount, messages: messageCount })
        .from(rooms)
        .leftJoin(users, eq(users.id, rooms.createdBy))
        .orderBy(asc(rooms.id))
        .limit(limit)
        .offset(offset);
      const [all] = await db.select({ n: count() }).from(rooms);
      return {
        // PostgreSQL's COUNT is a bigint, which its driver hands over as text.
        items: rows.map((row) => ({
          ...row.room,
          creator: row.creator,
          members: Number(row.members),
          messages: Number(row.messages),
        })),
        total: Number(all?.n ?? 0),
      };
    },
  };
}
