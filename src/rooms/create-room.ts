import { z } from "zod";
import { firstIssue } from "../accounts/credentials.ts";
import type { Room, User } from "../store/records.ts";
import type { Store } from "../store/store.ts";
import { roomNameRules, slugCandidates } from "./room-name-rules.ts";

const roomNameSchema = z
  .string()
  .transform((name) => name.replace(/\s+/g, " ").trim())
  .pipe(
    z
      .string()
      .min(roomNameRules.min, "Name the room.")
      .max(roomNameRules.max, `Room names are at most ${roomNameRules.max} characters.`),
  );

const maxSlugTries = 50;

/** Creates a room under the first free slug for its name; its creator joins it. */
export async function createRoom(store: Store, user: User, name: unknown): Promise<{ room: Room } | { error: string }> {
  const parsed = roomNameSchema.safeParse(name);
  if (!parsed.success) return { error: firstIssue(parsed.error) };
  let tries = 0;
  for (const slug of slugCandidates(parsed.data)) {
    if (++tries > maxSlugTries) break;
    const room = await store.rooms.create(parsed.data, slug, user.id);
    if (room) {
      await store.rooms.join(room.id, user.id);
      return { room };
    }
  }
  return { error: "Too many rooms share that name: pick another." };
}
