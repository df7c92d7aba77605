import { and, asc, desc, eq, gt, gte, inArray, lt, notInArray, sql } from "drizzle-orm";
import type { Dialect, MessageChange } from "./dialect.ts";
import { changedMessage } from "./message-change-writes.ts";
import { messageColumns, storedImage, toMessage } from "./message-columns.ts";
import { reactionQueries } from "./reactions.ts";
import { firstStored, type Message } from "./records.ts";
import type { MessageQueries } from "./store.ts";

/** Messages: each dialect writes them its own way (`storeMessage`); everything else reads the same. */
export function messageQueries({
  db,
  tables,
  storeMessage,
  changeMessage,
  touchReplies,
  prepared,
}: Dialect): MessageQueries {
  const { mentions, messages, users } = tables;
  const { columns, joins } = messageColumns(tables);
  const inRoom = () =>
    db
      .select(columns)
      .from(messages)
      .innerJoin(...joins.author)
      .leftJoin(...joins.avatar)
      .leftJoin(...joins.image)
      .leftJoin(...joins.parent)
      .leftJoin(...joins.parentAuthor);
  const { withReactions } = reactionQueries(db, tables);
  const read = async (rows: Parameters<typeof toMessage>[0][]) => withReactions(rows.map(toMessage));
  // Prepared once: building this select (six joins, thirty columns) cost ten times running it.
  const findOne = prepared(
    inRoom().where(and(eq(messages.roomId, sql.placeholder("roomId")), eq(messages.id, sql.placeholder("id")))),
    "find_message",
  );
  const find = async (roomId: number, id: number): Promise<Message | null> =>
    (await read((await findOne.execute({ roomId, id })) as Parameters<typeof toMessage>[0][]))[0] ?? null;
  /**
   * Writes a change and gives the message as every page will now show it: from `read` (the copy
   * the caller checked its rules on) when nothing changed the message since, else read back.
   */
  const change = async (
    roomId: number,
    messageId: number,
    what: Omit<MessageChange, "roomId" | "messageId" | "unchangedSince">,
    read?: Message,
  ) => {
    if (read) {
      const changeSeq = await changeMessage({ roomId, messageId, ...what, unchangedSince: read.changeSeq });
      if (changeSeq !== null) return changedMessage(read, what, changeSeq);
    }
    return (await changeMessage({ roomId, messageId, ...what })) === null ? null : find(roomId, messageId);
  };

  return {
    async insert(roomId, author, body, clientKey = null, image = null, replyTo = null) {
      const row = await storeMessage({
        roomId,
        userId: author.id,
        body,
        clientKey,
        image: image?.hash ?? null,
        replyTo: replyTo?.id ?? null,
      });
      if (row) {
        // Built here, not read back: the author (the session's User) and the image are at hand.
        const { id, username, displayName, avatar, kind } = author;
        const attached = image && storedImage(image.hash, image.type, image.width, image.height);
        return {
          message: firstStored({
            id: row.id,
            roomId,
            body,
            createdAt: row.createdAt,
            seq: row.seq,
            author: { id, username, displayName, avatar, kind },
            image: attached,
            replyTo,
          }),
          created: true,
        };
      }
      // A page resends what it had pending after every reconnect: each repeat reads the first back.
      const [first] = await inRoom().where(
        and(eq(messages.roomId, roomId), eq(messages.userId, author.id), eq(messages.clientKey, clientKey ?? "")),
      );
      if (!first) throw new Error("message insert wrote nothing and found no earlier message with its key");
      return { message: (await read([first]))[0] ?? toMessage(first), created: false };
    },

    find,

    async latest(roomId, limit) {
      const rows = await inRoom().where(eq(messages.roomId, roomId)).orderBy(desc(messages.id)).limit(limit);
      return read(rows.reverse());
    },

    async before(roomId, id, limit) {
      const rows = await inRoom()
        .where(and(eq(messages.roomId, roomId), lt(messages.id, id)))
        .orderBy(desc(messages.id))
        .limit(limit);
      return read(rows.reverse());
    },

    async after(roomId, id, limit) {
      const rows = await inRoom()
        .where(and(eq(messages.roomId, roomId), gt(messages.id, id)))
        .orderBy(asc(messages.id))
        .limit(limit);
      return read(rows);
    },

    async changedSince(roomId, changeSeq, limit) {
      const rows = await inRoom()
        .where(and(eq(messages.roomId, roomId), gt(messages.changeSeq, changeSeq)))
        .orderBy(asc(messages.changeSeq))
        .limit(limit);
      return read(rows);
    },

    async changedAt(roomId, since, limit) {
      const rows = await inRoom()
        .where(and(eq(messages.roomId, roomId), gt(messages.changeSeq, 0), gte(messages.changedAt, since)))
        .orderBy(asc(messages.changeSeq))
        .limit(limit);
      return read(rows);
    },

    async lastChange(roomId) {
      // The partial index (room, change) holds only changed messages: this reads one entry.
      const [row] = await db
        .select({ last: sql<number | null>`max(${messages.changeSeq})` })
        .from(messages)
        .where(and(eq(messages.roomId, roomId), gt(messages.changeSeq, 0)));
      return Number(row?.last ?? 0);
    },

    edit: (roomId, id, body, at, read) => change(roomId, id, { set: { body, editedAt: at }, at }, read),

    remove: (roomId, id, at, read) => change(roomId, id, { set: { body: "", image: null, deletedAt: at }, at }, read),

    react: (roomId, id, reaction, at) => change(roomId, id, { set: {}, reaction, at }),

    async touchReplies(roomId, id, at) {
      const touched = await touchReplies(roomId, id, at);
      if (touched.length === 0) return [];
      const rows = await inRoom()
        .where(and(eq(messages.roomId, roomId), inArray(messages.id, touched)))
        .orderBy(asc(messages.id));
      return read(rows);
    },

    async repliesTo(roomId, id) {
      const rows = await db
        .select({ id: messages.id })
        .from(messages)
        .where(and(eq(messages.roomId, roomId), eq(messages.replyTo, id)));
      return rows.map((row) => row.id);
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

    async addMentions(roomId, messageId, usernames, { replacing = false } = {}) {
      const names = usernames.map((name) => name.toLowerCase());
      if (names.length === 0) {
        if (replacing) await db.delete(mentions).where(eq(mentions.messageId, messageId));
        return [];
      }
      // Outside a public room only its members can be reached: a name in a private room's
      // message never counts, or even tells, for anyone else.
      // Spelled out with table names: in a one-table select drizzle leaves columns unqualified.
      const reachable = sql`(EXISTS (SELECT 1 FROM "rooms" AS r WHERE r."id" = ${roomId} AND r."visibility" = 'public') OR EXISTS (SELECT 1 FROM "memberships" AS m WHERE m."room_id" = ${roomId} AND m."user_id" = "users"."id"))`;
      const people = await db
        .select({ id: users.id })
        .from(users)
        .where(and(inArray(users.username, names), reachable));
      if (replacing) {
        // An edit: names no longer in the text stop counting; those still there count once.
        const kept = people.map((person) => person.id);
        await db
          .delete(mentions)
          .where(
            kept.length
              ? and(eq(mentions.messageId, messageId), notInArray(mentions.userId, kept))
              : eq(mentions.messageId, messageId),
          );
      }
      if (people.length === 0) return [];
      const added = await db
        .insert(mentions)
        .values(people.map((person) => ({ messageId, userId: person.id, roomId })))
        .onConflictDoNothing()
        .returning({ userId: mentions.userId });
      return added.map((row) => row.userId);
    },
  };
}
