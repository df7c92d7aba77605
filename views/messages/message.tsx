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
 * How a message shows its author (avatar, name and link, the guest tag), as rendered: the same
 * string in each of their messages, and building it (escaping twice, the link, the avatar's
 * initials and colour) was about half of a plain message's render. Checked against everything
 * it shows, so a new name or picture renders anew. Bounded: emptied once it holds 1,000 people.
 */
interface ShownAuthor {
  base: string;
  username: string;
  displayName: string | null;
  avatar: string;
  kind: MessageRecord["author"]["kind"];
  html: string;
}
const authors = new Map<number, ShownAuthor>();
const authorOf = (author: MessageRecord["author"], paths: Paths) => {
  const avatar = author.avatar ? avatarSource(author.avatar, paths) : "";
  const shown = authors.get(author.id);
  if (
    shown &&
    shown.base === paths.base &&
    shown.username === author.username &&
    shown.displayName === author.displayName &&
    shown.avatar === avatar &&
    shown.kind === author.kind
  )
    return shown.html;
  if (authors.size >= 1000) authors.clear();
  const name = escapeHtml(author.displayName ?? author.username);
  const username = escapeHtml(author.username);
  const title = author.displayName ? ` title="@${username}"` : "";
  // A guest picked their name a moment ago: readers should know it proves nothing.
  const guest = author.kind === "guest" ? ` <span class="guest-tag">guest</span>` : "";
  const html = `${Avatar({ person: author, size: "small", paths })}<header><a class="author" href="${paths.to(`/u/${username}`)}"${title}>${name}</a>${guest}`;
  const { username: plain, displayName, kind } = author;
  authors.set(author.id, { base: paths.base, username: plain, displayName, avatar, kind, html });
  return html;
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

/** As much of the answered message as a reply's quote shows. */
const quoteLength = 120;

/** A reply's quote of the message it answers: who, the start of what they said; a link to it on the page. */
const replyQuote = (parent: NonNullable<ShownMessage["replyTo"]>) => {
  const name = escapeHtml(parent.author.displayName ?? parent.author.username);
  const text = parent.deleted
    ? `<span class="reply-text deleted">Message deleted</span>`
    : `<span class="reply-text">${escapeHtml(parent.body.length > quoteLength ? `${parent.body.slice(0, quoteLength - 1)}…` : parent.body || "an image")}</span>`;
  return `<a class="reply-quote" href="#${messageId(parent)}" data-reply-to="${parent.id}"><span class="reply-author">${name}</span> ${text}</a>`;
};

/** "edited", with when on hover (static/room.js shows it in the reader's zone). */
const editedMark = (at: Date) => {
  const iso = at.toISOString();
  return ` <span class="edited" data-edited-at="${iso}" title="Edited ${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC">edited</span>`;
};

/**
 * Each emoji with its count; who reacted on hover, and (data-people) whose, so the reader's own
 * can be marked on their page (the fragment is the same for everyone).
 */
const reactionList = (reactions: ShownMessage["reactions"]) => {
  if (reactions.length === 0) return "";
  const buttons = reactions.map(({ emoji, people }) => {
    const names = escapeHtml(people.map((person) => person.displayName ?? person.username).join(", "));
    const usernames = escapeHtml(people.map((person) => person.username).join(" "));
    const shown = escapeHtml(emoji);
    return `<button type="button" class="reaction" data-emoji="${shown}" data-people="${usernames}" title="${names}" aria-label="${shown} ${people.length}: ${names}">${shown} <span class="count">${people.length}</span></button>`;
  });
  return `<div class="reactions" role="group" aria-label="Reactions">${buttons.join("")}</div>`;
};
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
  const body = message.body ? richText(message.body, message.people, paths) : noText;
  // What only a changed or answering message has: a new message adds nothing but two tests.
  const changed = message.changeSeq ? ` data-change="${message.changeSeq}"` : "";
  const edited = message.editedAt ? editedMark(message.editedAt) : "";
  const quote = message.replyTo ? replyQuote(message.replyTo) : "";
  const reactions = message.changeSeq ? reactionList(message.reactions) : "";
  return {
    html: `<article id="${messageId(message)}" class="message" data-message-id="${message.id}" data-seq="${message.seq}"${changed}>${authorOf(author, paths)} ${clockTime(message.createdAt)}${edited}</header>${quote}${body.html}${image ? attachedImage(image, escapeHtml(author.displayName ?? author.username), paths) : ""}${reactions}</article>`,
    mentions: body.mentions,
  };
}

export const Message = ({ message, paths = usePaths() }: { message: ShownMessage; paths?: Paths }) =>
  trusted(renderMessage(message, paths).html);
