import { and, desc, eq, inArray, isNull, lt } from "drizzle-orm";
import type { Dialect } from "./dialect.ts";
import { messageColumns, toMessage } from "./message-columns.ts";
import { reactionQueries } from "./reactions.ts";
import type { SearchQueries } from "./store.ts";

/**
 * Full-text search, written once: which messages match and how their words are marked is the
 * dialect's (`textSearch`: SQLite's FTS5 table, PostgreSQL's GIN index on to_tsvector); the rest,
 * who may read what, newest first, the page, is the same on both.
 */
export function searchQueries({ db, tables, textSearch, beforeSearch }: Dialect): SearchQueries {
  const { memberships, messages, rooms } = tables;
  const { columns, joins } = messageColumns(tables);
  const { withReactions } = reactionQueries(db, tables);

  return {
    async messages({ words, readerId, roomId, before, limit }) {
      await beforeSearch?.();
      const text = textSearch(words);
      // One room the caller has let the person see, or every room they are a member of.
      const scope =
        roomId !== undefined
          ? eq(messages.roomId, roomId)
          : inArray(
              messages.roomId,
              db.select({ id: memberships.roomId }).from(memberships).where(eq(memberships.userId, readerId)),
            );
      const rows = await db
        .select({
          ...columns,
          highlighted: text.highlighted,
          roomSlug: rooms.slug,
          roomName: rooms.name,
          roomVisibility: rooms.visibility,
        })
        .from(messages)
        .innerJoin(rooms, eq(rooms.id, messages.roomId))
        .innerJoin(...joins.author)
        .leftJoin(...joins.avatar)
        .leftJoin(...joins.image)
        .leftJoin(...joins.parent)
        .leftJoin(...joins.parentAuthor)
        .where(
          and(
            scope,
            // Never a deleted message: its row stays for the room's order, its words are gone.
            isNull(messages.deletedAt),
            before === undefined ? undefined : lt(messages.id, before),
            text.matches,
          ),
        )
        .orderBy(desc(messages.id))
        .limit(limit);
      const found = await withReactions(rows.map(toMessage));
      return found.map((message, i) => {
        const row = rows[i] as (typeof rows)[number];
        return {
          ...message,
          highlighted: String(row.highlighted ?? message.body),
          room: { id: row.roomId, slug: row.roomSlug, name: row.roomName, visibility: row.roomVisibility },
        };
      });
    },
  };
}
