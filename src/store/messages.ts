import { and, asc, desc, eq, gt, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "./db.ts";
import type { GroupCommit } from "./group-commit.ts";
import { messageColumns, messageJoins, storedImage, toMessage } from "./message-columns.ts";
import type { Message, MessageAuthor, StoredFile } from "./records.ts";
import { roomPlaces } from "./room-places.ts";
import { mentions, messages, users } from "./schema.ts";
import type { MessageQueries } from "./store.ts";

/** What bun:sqlite and better-sqlite3 both answer to a statement run. */
type SyncRunResult = { changes: number; lastInsertRowid: number | bigint };

/**
 * `write` batches inserts into group commits where the driver can (synchronous SQLite drivers
 * only: it runs statements synchronously); without it each insert commits on its own.
 */
export function messageQueries(db: Db, write?: GroupCommit): MessageQueries {
  const inRoom = () =>
    db
      .select(messageColumns)
      .from(messages)
      .innerJoin(...messageJoins.author)
      .leftJoin(...messageJoins.avatar)
      .leftJoin(...messageJoins.image);
  // Prepared once: building and preparing the statement cost more than running it.
  const columns = {
    roomId: sql.placeholder("roomId"),
    userId: sql.placeholder("userId"),
    body: sql.placeholder("body"),
    image: sql.placeholder("image"),
    clientKey: sql.placeholder("clientKey"),
  };
  // A room's next place: one more than its newest message's, read where the write holds SQLite's
  // only write lock, so no other instance sharing the file can take the same number.
  const nextSeq = sql`coalesce((SELECT ${messages.seq} FROM ${messages} WHERE ${messages.roomId} = ${columns.roomId} ORDER BY ${messages.id} DESC LIMIT 1), 0) + 1`;
  const insertReturning = db
    .insert(messages)
    .values({ ...columns, seq: nextSeq })
    .onConflictDoNothing()
    .returning({ id: messages.id, createdAt: messages.createdAt, seq: messages.seq })
    .prepare();
  // For synchronous drivers: no RETURNING (SQLite buffers returned rows, which doubled an
  // insert's cost); the id is the connection's last rowid, the time is taken here, and the place
  // is the room's next (room-places.ts), in the same transaction (a key already used takes none).
  const places = write ? roomPlaces(db) : null;
  const insertRun = db
    .insert(messages)
    .values({ ...columns, createdAt: sql.placeholder("createdAt"), seq: sql.placeholder("seq") })
    .onConflictDoNothing()
    .prepare();

  // A page resends what it had pending after every reconnect: each repeat reads the first back.
  const firstWithKey = inRoom()
    .where(
      and(
        eq(messages.roomId, sql.placeholder("roomId")),
        eq(messages.userId, sql.placeholder("userId")),
        eq(messages.clientKey, sql.placeholder("clientKey")),
      ),
    )
    .prepare();

  /** The stored row's id and time, or null when the idempotency key was already used. */
  const store = async (params: {
    roomId: number;
    userId: number;
    body: string;
    image: string | null;
    clientKey: string | null;
  }) => {
    if (!write) return (await insertReturning.all(params))[0] ?? null;
    const createdAt = new Date();
    const result = await write(() => {
      const seq = places?.next(params.roomId) ?? 1;
      const run = insertRun.run({ ...params, createdAt, seq }) as unknown as SyncRunResult;
      if (run.changes === 1) places?.taken(params.roomId, seq);
      return { seq, ...run };
    }).catch((error: unknown) => {
      places?.forget();
      throw error;
    });
    return result.changes === 1 ? { id: Number(result.lastInsertRowid), createdAt, seq: result.seq } : null;
  };

  return {
    /**
     * One write; the returned id is the message's place in the room's order. With a `clientKey`
     * the sender already used in this room, nothing is written and the first message is returned.
     */
    async insert(
      roomId: number,
      author: MessageAuthor,
      body: string,
      clientKey: string | null = null,
      image: StoredFile | null = null,
    ): Promise<{ message: Message; created: boolean }> {
      const row = await store({ roomId, userId: author.id, body, image: image?.hash ?? null, clientKey });
      if (row) {
        // Built here, not read back: the author (the session's User) and the image are at hand.
        const { id, username, displayName, avatar, kind } = author;
        const attached = image && storedImage(image.hash, image.type, image.width, image.height);
        return {
          message: { ...row, roomId, body, author: { id, username, displayName, avatar, kind }, image: attached },
          created: true,
        };
      }
      const [first] = await firstWithKey.all({ roomId, userId: author.id, clientKey: clientKey ?? "" });
      if (!first) throw new Error("message insert wrote nothing and found no earlier message with its key");
      return { message: toMessage(first), created: false };
    },

    /** The newest `limit` messages, in id order. */
    async latest(roomId: number, limit: number): Promise<Message[]> {
      const rows = await inRoom().where(eq(messages.roomId, roomId)).orderBy(desc(messages.id)).limit(limit);
      return rows.reverse().map(toMessage);
    },

    /** The newest `limit` messages older than `id`, in id order. */
    async before(roomId: number, id: number, limit: number): Promise<Message[]> {
      const rows = await inRoom()
        .where(and(eq(messages.roomId, roomId), lt(messages.id, id)))
        .orderBy(desc(messages.id))
        .limit(limit);
      return rows.reverse().map(toMessage);
    },

    /** The oldest `limit` messages newer than `id`, in id order. */
    async after(roomId: number, id: number, limit: number): Promise<Message[]> {
      const rows = await inRoom()
        .where(and(eq(messages.roomId, roomId), gt(messages.id, id)))
        .orderBy(asc(messages.id))
        .limit(limit);
      return rows.map(toMessage);
    },

    /** The id of the newest message stored before `at` in any room (0 if none): a resync's mark. */
    async newestIdBefore(at: Date): Promise<number> {
      // Walks ids down from the newest: only the rows stored since `at` are read.
      const rows = await db
        .select({ id: messages.id })
        .from(messages)
        .where(lt(messages.createdAt, at))
        .orderBy(desc(messages.id))
        .limit(1);
      return rows[0]?.id ?? 0;
    },

    /**
     * Records whom a message mentions, by username (unknown names are skipped); resolves with
     * the ids of the people it mentions.
     */
    async addMentions(roomId: number, messageId: number, usernames: string[]): Promise<number[]> {
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
