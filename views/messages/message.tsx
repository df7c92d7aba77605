import { shownSize } from "../../src/files/image-rules.ts";
import type { Message as MessageRecord, StoredImage } from "../../src/store/records.ts";
import { escapeHtml, trusted } from "../escape.ts";
import { type Paths, usePaths } from "../paths.ts";
import { clockTime } from "../time.tsx";
import { Avatar, avatarSource } from "../users/avatar.tsx";
import { richText } from "./rich-text.ts";

/**
 * A message as it is shown: with `people`, the usernames (lower-case) that exist among those
 * its text @mentions (src/rooms/mentions.ts looks them up), so only they become links. One set
 * may serve a whole page of messages.
 */
export type ShownMessage = MessageRecord & { people: ReadonlySet<string> };

/** The message's DOM id: the page, history pages and broadcasts all use it, so a repeat replaces itself. */
export const messageId = (message: { id: number }) => `message-${message.id}`;

/**
 * Avatars as rendered, by everything they show: one person's avatar is the same string in every
 * message, and rendering it (initials, colour, template) took about 1.4 µs of a message's ~6.
 * Bounded: emptied once it holds 1,000 people.
 */
const avatars = new Map<string, ReturnType<typeof Avatar>>();
const avatarOf = (author: MessageRecord["author"], paths: Paths) => {
  const key = `${paths.base}
${author.username}
${author.displayName ?? ""}
${author.avatar ? avatarSource(author.avatar, paths) : ""}`;
  let shown = avatars.get(key);
  if (!shown) {
    if (avatars.size >= 1000) avatars.clear();
    shown = Avatar({ person: author, size: "small", paths });
    avatars.set(key, shown);
  }
  return shown;
};

/**
 * An attached image at a bounded size, its width and height set so the list never jumps while
 * it loads; a click opens it full size. `from` is already escaped.
 */
const attachedImage = (image: StoredImage, from: string, paths: Paths) => {
  const { width, height } = shownSize(image);
  const file = paths.to(`/files/${image.name}`);
  return `<a class="attachment" href="${file}" target="_blank"><img src="${file}" alt="Image from ${from}" width="${width}" height="${height}" loading="lazy"></a>`;
};

/** A message rendered, and the usernames its text links as @mentions (what counts as one). */
export interface RenderedMessage {
  html: string;
  mentions: readonly string[];
}

const noText = { html: "", mentions: [] } as const;

/**
 * THE message partial: the room page, older pages and live broadcasts all render through it.
 * `Message` is it as a component; `renderMessage` also says whom the text mentions, so posting
 * counts exactly the mentions readers see. `paths` are given where no render is in progress
 * (messagesFragment), else the render's.
 * Plain concatenation, every piece of user text through `escapeHtml`: it runs once per message
 * on the hot path, where JSX's generic attribute handling cost about a fifth of the server's
 * time under load, and hono's `html` template still about 2 µs a message (most of its render).
 * The author link's href is the author's stable key (static/room.js groups by it); its text is
 * the name people chose. Stored file names and ids are the server's own (hex, digits).
 */
export function renderMessage(message: ShownMessage, paths: Paths): RenderedMessage {
  const { author, image } = message;
  const name = escapeHtml(author.displayName ?? author.username);
  const username = escapeHtml(author.username);
  const title = author.displayName ? ` title="@${username}"` : "";
  // A guest picked their name a moment ago: readers should know it proves nothing.
  const guest = author.kind === "guest" ? ` <span class="guest-tag">guest</span>` : "";
  const body = message.body ? richText(message.body, message.people, paths) : noText;
  return {
    html: `<article id="${messageId(message)}" class="message" data-message-id="${message.id}" data-seq="${message.seq}">${avatarOf(author, paths)}<header><a class="author" href="${paths.to(`/u/${username}`)}"${title}>${name}</a>${guest} ${clockTime(message.createdAt)}</header>${body.html}${image ? attachedImage(image, name, paths) : ""}</article>`,
    mentions: body.mentions,
  };
}

export const Message = ({ message, paths = usePaths() }: { message: ShownMessage; paths?: Paths }) =>
  trusted(renderMessage(message, paths).html);
