import { slugify } from "./room-name-rules.ts";

const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

/** Ten random characters: about 52 bits, far past guessing one by asking. */
const randomPart = (length = 10) =>
  Array.from(crypto.getRandomValues(new Uint8Array(length)), (byte) => alphabet[byte % alphabet.length]).join("");

/**
 * A private room's slug: its name for the reader of the URL, and a random tail, so neither a
 * guess nor a public room's "name-2" (its slug taken) can tell that a private room exists.
 */
export const privateSlug = (name: string) => `${slugify(name).slice(0, 36)}-${randomPart()}`;

/** A direct room's slug: nothing of its people in it, nothing to guess. */
export const directSlug = () => `dm-${randomPart()}`;
