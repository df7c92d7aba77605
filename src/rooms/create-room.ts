import { z } from "zod";
import { firstIssue } from "../accounts/credentials.ts";
import type { Room, User } from "../store/records.ts";
import type { Store } from "../store/store.ts";
import { roomNameRules, roomTopicRules, slugCandidates } from "./room-name-rules.ts";

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

const roomNameSchema = z
  .string()
  .transform(oneLine)
  .pipe(
    z
      .string()
      .min(roomNameRules.min, "Name the room.")
      .max(roomNameRules.max, `Room names are at most ${roomNameRules.max} characters.`),
  );

export const roomTopicSchema = z
  .string()
  .optional()
  .transform((topic) => oneLine(topic ?? ""))
  .pipe(z.string().max(roomTopicRules.max, `Topics are at most ${roomTopicRules.max} characters.`));

const maxSlugTries = 50;

export type CreateRoomResult = { room: Room } | { error: string; existing?: Room };

/**
 * Creates a room under the first free slug for its name; its creator joins it as its owner. Names are unique
 * regardless of case: two rooms called "General" could not be told apart in a list.
 */
export async function createRoom(
  store: Store,
  user: User,
  input: { name: unknown; topic?: unknown },
): Promise<CreateRoomResult> {
  const name = roomNameSchema.safeParse(input.name);
  if (!name.success) return { error: firstIssue(name.error) };
  const topic = roomTopicSchema.safeParse(input.topic === "" ? undefined : input.topic);
  if (!topic.success) return { error: firstIssue(topic.error) };
  const existing = await store.rooms.findByName(name.data);
  if (existing) return { error: `A room called “${existing.name}” already exists.`, existing };
  let tries = 0;
  for (const slug of slugCandidates(name.data)) {
    if (++tries > maxSlugTries) break;
    const room = await store.rooms.create({ name: name.data, slug, topic: topic.data, createdBy: user.id });
    if (room) {
      await store.members.add(room.id, user.id, "owner");
      return { room };
    }
  }
  return { error: "Too many rooms share that name: pick another." };
}

/**
 * A new name for the room, unique whatever its case as at creation; `taken` when another room
 * has it. The slug stays: links to the room keep working.
 */
export async function renameRoom(
  store: Store,
  room: Room,
  input: unknown,
): Promise<{ room: Room } | { error: string; taken?: boolean }> {
  const name = roomNameSchema.safeParse(input);
  if (!name.success) return { error: firstIssue(name.error) };
  const existing = await store.rooms.findByName(name.data);
  if (existing && existing.id !== room.id)
    return { error: `A room called “${existing.name}” already exists.`, taken: true };
  await store.rooms.rename(room.id, name.data);
  return { room: { ...room, name: name.data } };
}
