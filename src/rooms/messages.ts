import { isoOf } from "../../views/time.tsx";
import { fileName } from "../files/image-rules.ts";
import { type Upload, uploadStatus } from "../files/uploads.ts";
import type { Message, MessageAuthor, RepliedMessage, Room, StoredFile } from "../store/records.ts";
import { broadcastCreate, messagesFragment } from "./broadcasts.tsx";
import type { Chat } from "./chat.ts";
import { shownMessage } from "./mentions.ts";
import { checkBody } from "./message-input.ts";
import { previewOf } from "./message-rules.ts";

export type PostResult =
  | { ok: true; message: Message; created: boolean; fragment: string }
  | { ok: false; error: string; status: 422; body: string }
  /** Rate-limited: nothing stored; the same send succeeds after `retryAfterMs`. */
  | { ok: false; error: string; status: 429; body: string; retryAfterMs: number }
  /** The attached image was refused (too large, not an image, disk full): nothing stored. */
  | { ok: false; error: string; status: 413 | 415 | 507; body: string };

/** What posting needs of the chat: every entry point (socket, API, form, the kit) hands it the chat. */
export type Posting = Pick<
  Chat,
  "store" | "paths" | "channels" | "rateLimit" | "activity" | "sendPlaces" | "profiles" | "hooks" | "metrics" | "push"
>;

/**
 * What a host app may do around each message (the kit's `beforeMessage` and `afterMessage`).
 * `screen` answers a reason to refuse (shown to the sender; nothing is stored) or undefined;
 * `stored` hears of each new message once it is stored and broadcast (never awaited by the sender).
 */
export interface MessageHooks {
  screen?(draft: { room: Room; author: MessageAuthor; body: string }): Promise<string | undefined>;
  stored?(room: Room, message: Message): void;
}

/**
 * Posting, the same for the socket, the JSON API and the room's form (with an image): validate,
 * store once, render once, publish once. A repeated idempotency key returns the first message
 * and publishes nothing; the same key with different text or image is refused (422): it is a
 * bug or a replay, never a retry. `attach` stores the image (src/files/uploads.ts); it runs only
 * once the text and the rate limit have passed, so a refused send leaves no file behind.
 */
export async function post(
  posting: Posting,
  room: Room,
  author: MessageAuthor,
  input: { body: unknown; key: string | null; attach?: () => Promise<Upload>; replyTo?: unknown },
): Promise<PostResult> {
  // Its delivery time starts here: a number, not an object, so the bare path allocates nothing for it.
  const receivedAt = performance.now();
  const checked = checkBody(input.body, { emptyAllowed: input.attach !== undefined });
  if (!checked.ok) {
    posting.metrics?.refused("invalid");
    return { ok: false, error: checked.error, status: 422, body: checked.body };
  }
  const { sendPlaces } = posting;
  const place = sendPlaces?.enter();
  if (place && !place.ok) {
    posting.metrics?.refused("busy");
    const error = "Parley is busy: your message goes again in a moment.";
    return { ok: false, error, status: 429, body: checked.body, retryAfterMs: place.retryAfterMs };
  }
  try {
    return await postChecked(posting, room, author, input, checked.body, receivedAt);
  } finally {
    sendPlaces?.leave();
  }
}

/** The rest of `post`, for text that passed its checks, holding a place in flight. */
async function postChecked(
  posting: Posting,
  room: Room,
  author: MessageAuthor,
  input: { key: string | null; attach?: () => Promise<Upload>; replyTo?: unknown },
  body: string,
  receivedAt: number,
): Promise<PostResult> {
  // A socket holds its person as they were when it opened: a name changed since shows at once.
  author = posting.profiles.current(author);
  const sender = `user:${author.id}`;
  const verdict = posting.rateLimit ? await posting.rateLimit(sender) : null;
  if (verdict && !verdict.ok) {
    posting.metrics?.refused("rate_limited");
    const { retryAfterMs } = verdict;
    return {
      ok: false,
      error: "Sending too fast: wait a moment.",
      status: 429,
      body: body,
      retryAfterMs,
    };
  }
  // No await without a hook: the bare path pays nothing for it.
  const refusal = posting.hooks?.screen ? await posting.hooks.screen({ room, author, body }) : undefined;
  if (refusal !== undefined) {
    posting.metrics?.refused("screened");
    return { ok: false, error: refusal, status: 422, body };
  }
  // No await for a message that answers none (most): the bare path pays nothing for replies.
  const replyTo = isNoReply(input.replyTo) ? null : await answered(posting, room, input.replyTo);
  if (replyTo === undefined) {
    posting.metrics?.refused("invalid");
    return { ok: false, error: "That message is not here to reply to.", status: 422, body };
  }
  let image: StoredFile | null = null;
  if (input.attach) {
    const upload = await input.attach();
    if (!upload.ok) {
      const status = uploadStatus[upload.reason];
      posting.metrics?.refused(status === 413 ? "too_large" : status === 415 ? "unsupported" : "no_space");
      return { ok: false, error: upload.error, status, body: body };
    }
    image = upload.file;
  }
  const stored = await posting.store.messages.insert(room.id, author, body, input.key, image, replyTo);
  const { created } = stored;
  const message = await shownMessage(posting.store, stored.message);
  if (
    !created &&
    (message.body !== body || message.image?.name !== (image ? fileName(image.hash, image.type) : undefined))
  ) {
    posting.metrics?.refused("invalid");
    return { ok: false, error: "That key was already used for a different message.", status: 422, body: body };
  }
  if (!created) return { ok: true, message, created, fragment: await messagesFragment(room, [message], posting.paths) };
  const { fragment, mentions: named } = broadcastCreate(posting.channels, room, message, posting.paths);
  posting.metrics?.stored(receivedAt);
  // The people the message links are the people it mentions: most messages name no one.
  const mentions = named.length ? await posting.store.messages.addMentions(room.id, message.id, [...named]) : [];
  const latest = {
    name: author.displayName ?? author.username,
    preview: previewOf(message.body),
    at: isoOf(message.createdAt),
  };
  posting.activity.announce({ roomId: room.id, id: message.id, author: author.id, mentions, latest });
  // Not awaited: the sender's acknowledgement never waits on a push service.
  posting.push?.messageStored(room, message, author, mentions);
  posting.hooks?.stored?.(room, message);
  return { ok: true, message, created, fragment };
}

/**
 * The message a reply answers, as its quote shows it: null for no reply, undefined when the id
 * is not a standing message of this room (a reply cannot quote another room, or nothing).
 */
async function answered(posting: Posting, room: Room, raw: unknown): Promise<RepliedMessage | undefined> {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) return undefined;
  const parent = await posting.store.messages.find(room.id, id);
  if (!parent || parent.deletedAt) return undefined;
  const { username, displayName } = parent.author;
  return { id, author: { username, displayName }, body: parent.body, deleted: false };
}

const isNoReply = (raw: unknown) => raw === undefined || raw === null || raw === "";
