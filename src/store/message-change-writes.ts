import { and, eq } from "drizzle-orm";
import type { MessageChange, QueryDb } from "./dialect.ts";
import type { Message } from "./records.ts";
import type { Tables } from "./tables.ts";

/**
 * The message as stored after `change`, from the copy read before it: exact when the change was
 * written `unchangedSince` that copy's number (nothing else came in between), so a change reads
 * its message once, for the rules, and not again for the result. A deletion takes the message's
 * reactions with it (as `sideWrites` does); a reaction is not applied here (it names a person the
 * copy does not hold).
 */
export function changedMessage(read: Message, { set }: Pick<MessageChange, "set">, changeSeq: number): Message {
  const changed: Message = { ...read, ...set, changeSeq };
  return set.deletedAt ? { ...changed, reactions: [] } : changed;
}

/**
 * The statements a change writes beside the message's own row, for a dialect to run in the
 * transaction that numbers the change: the reaction added or taken back, or, for a deletion,
 * the message's reactions and mentions (a deleted message counts for no one's unread mentions).
 */
export function sideWrites(db: QueryDb, { reactions, mentions }: Tables, change: MessageChange) {
  const { messageId, reaction, set } = change;
  if (set.deletedAt) {
    return [
      db.delete(reactions).where(eq(reactions.messageId, messageId)),
      db.delete(mentions).where(eq(mentions.messageId, messageId)),
    ];
  }
  if (!reaction) return [];
  const { userId, emoji } = reaction;
  return reaction.on
    ? [db.insert(reactions).values({ messageId, userId, emoji, createdAt: change.at }).onConflictDoNothing()]
    : [
        db
          .delete(reactions)
          .where(and(eq(reactions.messageId, messageId), eq(reactions.userId, userId), eq(reactions.emoji, emoji))),
      ];
}
