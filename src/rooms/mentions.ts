import type { ShownMessage } from "../../views/messages/message.tsx";
import { usernameRules } from "../accounts/credential-rules.ts";
import type { Message } from "../store/records.ts";
import type { Store } from "../store/store.ts";

// Anything that may be an @mention: more than the renderer links (it also skips e-mail
// addresses and code), which costs a name or two more in one lookup, never a missing link.
const named = new RegExp(`@([a-z0-9_-]{${usernameRules.min},${usernameRules.max}})(?![a-z0-9_-])`, "gi");
const noOne: ReadonlySet<string> = new Set();

/**
 * At most this many people are looked up (and so linked) per message: a message can hold about
 * 800 @names, a catch-up page 300 messages, and a page of such spam must not cost a long
 * lookup (or exceed the database's limit of parameters) for everyone who opens the room.
 */
export const mentionsPerMessage = 50;
/** Names per query: well within SQLite's and PostgreSQL's limits of bound parameters. */
const namesPerQuery = 500;

/**
 * The messages made ready to show: each with the people its text may name who exist, looked up
 * for all of them at once (no query when no text has an @, as most have not). A name that does
 * not belong to anyone is shown as text, never as a link to a missing profile.
 */
export async function withPeople(store: Store, messages: Message[]): Promise<ShownMessage[]> {
  const names = new Set<string>();
  for (const { body } of messages) {
    if (!body.includes("@")) continue;
    const own = new Set<string>();
    for (const match of body.matchAll(named)) {
      own.add((match[1] as string).toLowerCase());
      if (own.size === mentionsPerMessage) break;
    }
    for (const name of own) names.add(name);
  }
  if (names.size === 0) return messages.map((message) => showing(message, noOne));
  const wanted = [...names];
  const found: string[] = [];
  for (let at = 0; at < wanted.length; at += namesPerQuery) {
    found.push(...(await store.users.existing(wanted.slice(at, at + namesPerQuery))));
  }
  const people = new Set(found);
  return messages.map((message) => showing(message, people));
}

/** One message made ready to show (see withPeople). */
export const shownMessage = async (store: Store, message: Message): Promise<ShownMessage> => {
  // Most messages name no one: no list to build and map for them.
  if (!message.body.includes("@")) return showing(message, noOne);
  const [shown] = await withPeople(store, [message]);
  return shown ?? showing(message, noOne);
};

/** The message with the people it may name: field by field, as `firstStored` (records.ts) says why. */
const showing = (message: Message, people: ReadonlySet<string>): ShownMessage => ({
  id: message.id,
  roomId: message.roomId,
  body: message.body,
  createdAt: message.createdAt,
  seq: message.seq,
  author: message.author,
  image: message.image,
  editedAt: message.editedAt,
  deletedAt: message.deletedAt,
  changeSeq: message.changeSeq,
  replyTo: message.replyTo,
  reactions: message.reactions,
  people,
});
