import { html } from "hono/html";
import type { User } from "../../src/store/records.ts";
import { type Paths, usePaths } from "../paths.ts";

/** Who an avatar is of: a User, or anything carrying the same three fields (a message's author). */
export type AvatarPerson = Pick<User, "username" | "displayName" | "avatar">;

/** Rendered sizes in CSS pixels (classes `avatar-small` … in app.css), also the img's width and height. */
export const avatarSizes = { small: 36, medium: 48, large: 128 } as const;
export type AvatarSize = keyof typeof avatarSizes;

/** How many colours the default avatars use: `hue-0` … `hue-11` in app.css. */
const hues = 12;

/**
 * A person's avatar: their picture, or initials on a colour of their own. An escaping template
 * rather than JSX: it runs once per message on the room's hot path. Decorative (`alt=""`,
 * `aria-hidden`): the person's name always stands beside it. Sizes and colours are classes,
 * since the CSP allows no inline style.
 */
export const Avatar = ({
  person,
  size = "small",
  paths,
}: {
  person: AvatarPerson;
  size?: AvatarSize;
  /** Given where no render is in progress (the message partial); else the render's. */
  paths?: Paths;
}) => {
  const px = avatarSizes[size];
  return person.avatar
    ? html`<img class="avatar avatar-${size}" src="${avatarSource(person.avatar, paths ?? usePaths())}" alt="" width="${px}" height="${px}">`
    : html`<span class="avatar avatar-${size} hue-${hueOf(person.username)}" aria-hidden="true">${initialsOf(person)}</span>`;
};

/** Where an avatar's picture is: an uploaded file, or the address a host app gave. */
export const avatarSource = (avatar: NonNullable<AvatarPerson["avatar"]>, paths: Paths) =>
  "url" in avatar ? avatar.url : paths.to(`/files/${avatar.name}`);

/** 1–2 letters: the first of the first two words of the display name, else of the username. */
export function initialsOf(person: Pick<User, "username" | "displayName">): string {
  return (initials(person.displayName ?? "") || initials(person.username) || person.username.slice(0, 1)).toUpperCase();
}

/**
 * The first character (a whole code point: an emoji stays whole) of each of the first two words.
 * A plain loop: split, Array.from and toLocaleUpperCase cost several microseconds per message.
 */
function initials(name: string): string {
  let letters = "";
  let wordStart = true;
  for (let i = 0, found = 0; i < name.length && found < 2; ) {
    const code = name.codePointAt(i) as number;
    const char = String.fromCodePoint(code);
    i += char.length;
    if (isSeparator(code, char)) wordStart = true;
    else if (wordStart) {
      letters += char;
      found++;
      wordStart = false;
    }
  }
  return letters;
}

/** Space, tab, `_`, `.`, `-` (what usernames use between words), and any other white space. */
const isSeparator = (code: number, char: string) =>
  code === 32 || code === 95 || code === 46 || code === 45 || code === 9 || (code > 127 && /\s/u.test(char));

/** The same colour for a username everywhere and always (FNV-1a of its characters). */
export function hueOf(username: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < username.length; i++) hash = Math.imul(hash ^ username.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % hues;
}
