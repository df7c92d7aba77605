import type { User } from "../store/records.ts";

/** Usernames for people who never chose one (embed guests, people of a host app): drawn until free, within the account rules (a–z, 0–9, -). */
const alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
const suffix = (length: number) =>
  Array.from(crypto.getRandomValues(new Uint8Array(length)), (byte) => alphabet[byte % alphabet.length]).join("");

/** "Ada Lovelace" → "ada-lovelace": a readable stem; empty when the name has no Latin letters or digits. */
export const stemOf = (name: string) =>
  name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 20)
    .replace(/-+$/, "");

export async function drawUsername(create: (username: string) => Promise<User | null>, stem: string): Promise<User> {
  for (let tries = 0; tries < 5; tries++) {
    const made = await create(`${stem}-${suffix(6)}`);
    if (made) return made;
  }
  throw new Error("no free username after 5 draws");
}
