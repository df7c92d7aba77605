import { html } from "hono/html";
import type { User } from "../../src/store/records.ts";

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
export const Avatar = ({ person, size = "small" }: { person: AvatarPerson; size?: AvatarSize }) => {
  const px = avatarSizes[size];
  return person.avatar
    ? html`<img class="avatar avatar-${size}" src="/files/${person.avatar.name}" alt="" width="${px}" height="${px}">`
    : html`<span class="avatar avatar-${size} hue-${hueOf(person.username)}" aria-hidden="true">${initialsOf(person)}</span>`;
};

/** 1–2 letters: the first of the first two words of the display name, else of the username. */
export function initialsOf(person: Pick<User, "username" | "displayName">): string {
  const initials = (name: string) =>
    name
      .split(/[\s_.-]+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((word) => Array.from(word)[0])
      .join("");
  const letters = initials(person.displayName ?? "") || initials(person.username) || person.username.slice(0, 1);
  return letters.toLocaleUpperCase();
}

/** The same colour for a username everywhere and always (FNV-1a of its characters). */
export function hueOf(username: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < username.length; i++) hash = Math.imul(hash ^ username.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % hues;
}
