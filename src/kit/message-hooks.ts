import { nextTurn } from "../delivery/next-turn.ts";
import type { MessageHooks } from "../rooms/messages.ts";
import type { Message, MessageAuthor, Room } from "../store/records.ts";
import type { ParleyOptions, PostedMessage } from "./options.ts";

/** Who knows the host's ids of Parley's users (src/accounts/host-people.ts). */
interface HostIds {
  hostIdOf(userId: number): string | null;
}

const authorOf = (author: MessageAuthor, people: HostIds) => ({
  id: people.hostIdOf(author.id),
  username: author.username,
  name: author.displayName ?? author.username,
});

/** A stored message as the host app sees it (afterMessage, post). */
export const postedMessage = (room: Room, message: Message, people: HostIds): PostedMessage => ({
  id: message.id,
  room: { slug: room.slug, name: room.name },
  author: authorOf(message.author, people),
  body: message.body,
  createdAt: message.createdAt.toISOString(),
});

/**
 * The kit's beforeMessage and afterMessage as the posting path calls them. A refusal must be a
 * string (anything else lets the message through); afterMessage runs in the turn after the
 * message went out, so after the sender has their answer and every page its copy, and what it
 * throws is logged, never shown to anyone.
 */
export function messageHooks(
  { beforeMessage, afterMessage }: Pick<ParleyOptions, "beforeMessage" | "afterMessage">,
  people: HostIds,
  log: (line: string) => void = console.error,
): MessageHooks {
  return {
    screen: beforeMessage
      ? async ({ room, author, body }) => {
          const reason = await beforeMessage({
            room: { slug: room.slug, name: room.name },
            author: authorOf(author, people),
            body,
          });
          return typeof reason === "string" ? reason || "Refused." : undefined;
        }
      : undefined,
    stored: afterMessage
      ? (room, message) => {
          const posted = postedMessage(room, message, people);
          // The host's work runs once every page has its copy, not in front of it.
          nextTurn(() => {
            Promise.resolve()
              .then(() => afterMessage(posted))
              .catch((error: unknown) => log(`afterMessage failed for message #${message.id}: ${error}`));
          });
        }
      : undefined,
  };
}
