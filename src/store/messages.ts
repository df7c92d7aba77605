import { and, asc, desc, eq, gt, inArray, lt, sql } from "drizzle-orm";
import type { Dialect } from "./dialect.ts";
import { messageColumns, storedImage, toMessage } from "./message-columns.ts";
import type { MessageQueries } from "./store.ts";

/** Messages: each dialect writes them its own way (`storeMessage`); everything else reads the same. */
export function messageQueries({ db, tables, storeMessage }: Dialect): MessageQueries {
  const { mentions, messages, users } = tables;
  const { columns, joins } = messageColumns(tables);
  const inRoom = () =>
    db
      .select(columns)
      .from(messages)
      .innerJoin(...joins.author)
      .leftJoin(...joins.avatar)
      .leftJoin(...joins.image);

  return {
    async insert(roomId, author, body, clientKey = null, image = null) {
      const row = await storeMessage({ roomId, userId: author.id, body, clientKey, image: image?.hash ?? null });
      if (row) {
        // Built here, not read back: the author (the session's User) and the image are at hand.
        const { id, username, displayName, avatar, kind } = author;
        const attached = image && storedImage(image.hash, image.type, image.width, image.height);
        return {
          message: { ...row, roomId, body, author: { id, username, displayName, avatar, kind }, image: attached },
          created: true,
        };
      }
      // A page resends what it had pending after every reconnect: each repeat reads the first back.
      const [first] = await inRoom().where(
        and(eq(messages.roomId, roomId), eq(messages.userId, author.id), eq(messages.clientKey, clientKey ?? "")),
      );
      if (!first) throw new Error("message insert wrote nothing and found no earlier message with its key");
      return { message: toMessage(first), created: false };
    },

    async latest(roomId, limit) {
      const rows = await inRoom().where(eq(messages.roomId, roomId)).orderBy(desc(messages.id)).limit(limit);
      return rows.reverse().map(toMessage);
    },

    async before(roomId, id, limit) {
      const rows = await inRoom()
        .where(and(eq(messages.roomId, roomId), lt(messages.id, id)))
        .orderBy(desc(messages.id))
        .limit(limit);
      return rows.reverse().map(toMessage);
    },

    async after(roomId, id, limit) {
      const rows = await inRoom()
        .where(and(eq(messages.roomId, roomId), gt(messages.id, id)))
        .orderBy(asc(messages.id))
        .limit(limit);
      return rows.map(toMessage);
    },

    async newestIdBefore(at) {
      // Walks ids down from the newest: only the rows stored since `at` are read.
      const rows = await db
        .select({ id: messages.id })
        .from(messages)
        .where(lt(messages.createdAt, at))
        .orderBy(desc(messages.id))
        .limit(1);
      return rows[0]?.id ?? 0;
    },

    async addMentions(roomId, messageId, usernames) {
      if (usernames.length === 0) return [];
      const names = usernames.map((name) => name.toLowerCase());
      // Outside a public room only its members can be reached: a name in a private room's
      // message never counts, or even tells, for anyone else.
      // Spelled out with table names: in a one-table select drizzle leaves columns unqualified.
      const reachable = sql`(EXISTS (SELECT 1 FROM "rooms" AS r WHERE r."id" = ${roomId} AND r."visibility" = 'public') OR EXISTS (SELECT 1 FROM "memberships" AS m WHERE m."room_id" = ${roomId} AND m."user_id" = "users"."id"))`;
      const people = await db
        .select({ id: users.id })
        .from(users)
        .where(and(inArray(users.username, names), reachable));
      if (people.length === 0) return [];
      await db
        .insert(mentions)
        .values(people.map((person) => ({ messageId, userId: person.id, roomId })))
        .onConflictDoNothing();
      return people.map((person) => person.id);
    },
  };
}
