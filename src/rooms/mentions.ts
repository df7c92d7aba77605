import type { ShownMessage } from "../../views/messages/message.tsx";
import type { Message } from "../store/records.ts";
import type { Store } from "../store/store.ts";

// The mention links the message partial renders (views/messages/rich-text.ts): what readers see
// as a mention is exactly what counts as one.
const mentionLink = /<a href="\/u\/([a-z0-9_-]+)" class="mention">/g;

/** The usernames a rendered message fragment mentions, once each. */
export function mentionedIn(fragment: string): string[] {
  return [...new Set([...fragment.matchAll(mentionLink)].map((match) => match[1] as string))];
}

// Anything that may be an @mention: more than the renderer links (it also skips e-mail
// addresses and code), which costs a name or two more in one lookup, never a missing link.
const named = /@([a-z0-9_-]+)/gi;
const noOne: ReadonlySet<string> = new Set();

/**
 * The messages made ready to show: each with the people its text may name who exist, looked up
 * in one query for all of them (none when no text has an @, as most have not). A name that does
 * not belong to anyone is shown as text, never as a link to a missing profile.
 */
export async function withPeople(store: Store, messages: Message[]): Promise<ShownMessage[]> {
  const names = new Set<string>();
  for (const { body } of messages) {
    if (body.includes("@")) for (const match of body.matchAll(named)) names.add((match[1] as string).toLowerCase());
  }
  const people = names.size ? new Set(await store.users.existing([...names])) : noOne;
  return messages.map((message) => ({ ...message, people }));
}

/** One message made ready to show (see withPeople). */
export const shownMessage = async (store: Store, message: Message): Promise<ShownMessage> => {
  const [shown] = await withPeople(store, [message]);
  return shown ?? { ...message, people: noOne };
};
