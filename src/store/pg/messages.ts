import { and, asc, desc, eq, gt, inArray, lt } from "drizzle-orm";
import { storedImage, toMessage } from "../message-columns.ts";
import type { MessageQueries } from "../store.ts";
import type { PgDb } from "./db.ts";
import type { PgGroupCommit } from "./group-commit.ts";
import { messageColumns, messageJoins } from "./message-columns.ts";
import { mentions, messages, users } from "./schema.ts";

/** Messages on PostgreSQL: inserts go through group commit (`write`), reads are plain drizzle. */
export function messageQueries(db: PgDb, write: PgGroupCommit): MessageQueries {
  const inRoom = () =>
    db
      .select(messageColumns)
      .from(messages)
      .innerJoin(...messageJoins.author)
      .leftJoin(...messageJoins.avatar)
      .leftJoin(...messageJoins.image);

  return {
    async insert(roomId, author, body, clientKey = null, image = null) {
      const row = await write({ roomId, userId: author.id, body, clientKey, image: image?.hash ?? null });
      if (row) {
        // Built here, not read back: the author (the session's User) and the image are at hand.
        const { id, username, displayName, avatar, kind } = author;
        const attached = image && storedImage(image.hash, image.type, image.width, image.height);
        return {
          message: { ...row, roomId, body, author: { id, username, displayName, avatar, kind }, image: attached },
          created: true,
        };
      }
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
      const people = await db
        .select({ id: users.id })
        .from(users)
        .where(
          inArray(
            users.username,
            usernames.map((name) => name.toLowerCase()),
          ),
        );
      if (people.length === 0) return [];
      await db
        .insert(mentions)
        .values(people.map((person) => ({ messageId, userId: person.id, roomId })))
        .onConflictDoNothing();
      return people.map((person) => person.id);
    },
  };
}
