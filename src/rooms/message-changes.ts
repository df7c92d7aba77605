import type { Message, MessageAuthor, Room, Standing } from "../store/records.ts";
import { mayModerate, mayTalk } from "./access.ts";
import { broadcastChange } from "./broadcasts.tsx";
import type { Chat } from "./chat.ts";
import { shownMessage } from "./mentions.ts";
import { checkBody } from "./message-input.ts";
import { checkEmoji, reactionRules } from "./reaction-rules.ts";

/** What changing a message needs of the chat: every entry point (socket, form, API) hands it the chat. */
export type Changing = Pick<Chat, "store" | "paths" | "channels" | "rateLimit" | "hooks" | "profiles" | "activity">;

export type ChangeResult =
  | { ok: true; message: Message }
  | { ok: false; status: 403 | 404 | 422 | 429; error: string; retryAfterMs?: number };

/** The person changing a message, and what they are to its room (the route found it for them). */
export interface Changer {
  person: MessageAuthor;
  standing: Standing;
}

const gone = { ok: false, status: 404, error: "That message is not here (deleted, or never in this room)." } as const;

/**
 * Changing what was said, beside `post` (messages.ts) and as it does: one path for the socket,
 * the form and the API. Each checks who may, takes the sender's rate limit, writes once (the
 * store numbers the change), renders the same `Message` partial once and publishes it once (a
 * deletion removes `messageId(m)`), so every open page, on every instance, shows the change, and
 * a page that was away gets it in its catch-up (src/rooms/catch-up.tsx).
 */
export async function editMessage(
  changing: Changing,
  room: Room,
  changer: Changer,
  id: number,
  raw: unknown,
): Promise<ChangeResult> {
  const found = await mayChange(changing, room, changer, id, { refusal: "Only its author can edit a message." });
  if (!found.ok) return found;
  // An image's caption may be emptied, as it may be sent empty.
  const checked = checkBody(raw, { emptyAllowed: found.message.image !== null });
  if (!checked.ok) return { ok: false, status: 422, error: checked.error };
  if (found.message.body === checked.body) return found;
  const author = changing.profiles.current(changer.person);
  const refusal = changing.hooks?.screen
    ? await changing.hooks.screen({ room, author, body: checked.body })
    : undefined;
  if (refusal !== undefined) return { ok: false, status: 422, error: refusal };
  const edited = await changing.store.messages.edit(room.id, id, checked.body, new Date(), found.message);
  if (!edited) return gone;
  const mentioned = publish(changing, room, edited);
  // Names the new text adds count as mentions; names it dropped stop counting; none counts twice.
  const added = await changing.store.messages.addMentions(room.id, id, [...(await mentioned)], { replacing: true });
  changing.activity.mentioned(room.id, id, changer.person.id, added);
  return { ok: true, message: edited };
}

/** The author, or a moderator or owner of the room, deletes; replies to it then quote "deleted". */
export async function deleteMessage(
  changing: Changing,
  room: Room,
  changer: Changer,
  id: number,
): Promise<ChangeResult> {
  const found = await mayChange(changing, room, changer, id, {
    others: mayModerate(changer.standing),
    refusal: "Only its author or the room's moderators can delete a message.",
  });
  if (!found.ok) return found;
  const at = new Date();
  const deleted = await changing.store.messages.remove(room.id, id, at, found.message);
  if (!deleted) return gone;
  await publish(changing, room, deleted);
  for (const reply of await changing.store.messages.touchReplies(room.id, id, at)) await publish(changing, room, reply);
  return { ok: true, message: deleted };
}

/**
 * Adds (`on`) or takes back the person's emoji on a message (`on` undefined: whichever it is
 * not now); anyone who may talk in the room may.
 */
export async function reactTo(
  changing: Changing,
  room: Room,
  changer: Changer,
  id: number,
  raw: unknown,
  on?: boolean,
): Promise<ChangeResult> {
  const checked = checkEmoji(raw);
  if (!checked.ok) return { ok: false, status: 422, error: checked.error };
  const found = await mayChange(changing, room, changer, id, { others: true });
  if (!found.ok) return found;
  const { emoji } = checked;
  const already = found.message.reactions.find((reaction) => reaction.emoji === emoji);
  const mine = already?.people.some((person) => person.id === changer.person.id) ?? false;
  on ??= !mine;
  // Nothing to change: the answer is the message as it is, and nothing is published.
  if (mine === on) return { ok: true, message: found.message };
  if (on && !already && found.message.reactions.length >= reactionRules.perMessage) {
    return { ok: false, status: 422, error: `A message takes at most ${reactionRules.perMessage} different emoji.` };
  }
  const reacted = await changing.store.messages.react(
    room.id,
    id,
    { userId: changer.person.id, emoji, on },
    new Date(),
  );
  if (!reacted) return gone;
  await publish(changing, room, reacted);
  return { ok: true, message: reacted };
}

/**
 * The message, if it stands and the person may change it (`others`: someone else's too, else
 * `refusal`), within their rate limit: a change costs a token as a message does.
 */
async function mayChange(
  changing: Changing,
  room: Room,
  { person, standing }: Changer,
  id: number,
  { others = false, refusal = "Only its author can change a message." } = {},
): Promise<ChangeResult> {
  if (!mayTalk(standing)) return { ok: false, status: 403, error: "Join the room first." };
  const message = await changing.store.messages.find(room.id, id);
  if (!message || message.deletedAt) return gone;
  if (!others && message.author.id !== person.id) return { ok: false, status: 403, error: refusal };
  const verdict = changing.rateLimit ? await changing.rateLimit(`user:${person.id}`) : null;
  if (verdict && !verdict.ok) {
    return { ok: false, status: 429, error: "Changing too fast: wait a moment.", retryAfterMs: verdict.retryAfterMs };
  }
  return { ok: true, message };
}

/** Renders the change once and publishes it; resolves with the names its text links as mentions. */
async function publish(changing: Changing, room: Room, message: Message): Promise<readonly string[]> {
  const shown = await shownMessage(changing.store, message);
  return broadcastChange(changing.channels, room, shown, changing.paths);
}
