import { asc, eq, inArray } from "drizzle-orm";
import type { QueryDb } from "./dialect.ts";
import type { Message, Reaction } from "./records.ts";
import type { Tables } from "./tables.ts";

/** Reactions read beside the messages that carry them: one query for a whole page. */
export function reactionQueries(db: QueryDb, { reactions, users }: Tables) {
  return {
    /** The messages with their reactions filled in (each emoji in the order first used). */
    async withReactions(messages: Message[]): Promise<Message[]> {
      const ids = messages.filter((m) => m.changeSeq > 0).map((m) => m.id);
      // Only a changed message can carry one: new messages (most of them) cost no query.
      if (ids.length === 0) return messages;
      const rows = await db
        .select({
          messageId: reactions.messageId,
          emoji: reactions.emoji,
          id: users.id,
          username: users.username,
          displayName: users.displayName,
        })
        .from(reactions)
        .innerJoin(users, eq(users.id, reactions.userId))
        .where(inArray(reactions.messageId, ids))
        .orderBy(asc(reactions.createdAt), asc(reactions.userId));
      const byMessage = new Map<number, Map<string, Reaction>>();
      for (const { messageId, emoji, id, username, displayName } of rows) {
        const emojis = byMessage.get(messageId) ?? new Map<string, Reaction>();
        byMessage.set(messageId, emojis);
        const reaction = emojis.get(emoji) ?? { emoji, people: [] };
        emojis.set(emoji, reaction);
        reaction.people.push({ id, username, displayName });
      }
      return messages.map((m) => {
        const emojis = byMessage.get(m.id);
        return emojis ? { ...m, reactions: [...emojis.values()] } : m;
      });
    },
  };
}
