import { z } from "zod";
import { firstIssue } from "../accounts/credentials.ts";
import type { Room, User } from "../store/records.ts";
import type { Store } from "../store/store.ts";
import { privateSlug } from "./hidden-slugs.ts";
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

const visibilitySchema = z
  .enum(["public", "private"], { error: "A room is public or private." })
  .optional()
  .transform((value) => value ?? "public");

const maxSlugTries = 50;

export type CreateRoomResult = { room: Room } | { error: string; existing?: Room };

/**
 * Creates a room under the first free slug for its name; its creator joins it as its owner. Names are unique
 * regardless of case: two rooms called "General" could not be told apart in a list.
 */
export async function createRoom(
  store: Store,
  user: User,
  input: { name: unknown; topic?: unknown; visibility?: unknown },
): Promise<CreateRoomResult> {
  const name = roomNameSchema.safeParse(input.name);
  if (!name.success) return { error: firstIssue(name.error) };
  const topic = roomTopicSchema.safeParse(input.topic === "" ? undefined : input.topic);
  if (!topic.success) return { error: firstIssue(topic.error) };
  const visibility = visibilitySchema.safeParse(input.visibility === "" ? undefined : input.visibility);
  if (!visibility.success) return { error: firstIssue(visibility.error) };
  if (visibility.data === "private") return createPrivate(store, user, name.data, topic.data);
  // Only public rooms take part: a private room's name must not show through a refusal here.
  const existing = await store.rooms.findPublicByName(name.data);
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
 * A new name for the room, unique among public rooms whatever its case, as at creation; `taken`
 * when another has it. The slug stays: links to the room keep working.
 */
export async function renameRoom(
  store: Store,
  room: Room,
  input: unknown,
): Promise<{ room: Room } | { error: string; taken?: boolean }> {
  const name = roomNameSchema.safeParse(input);
  if (!name.success) return { error: firstIssue(name.error) };
  // As at creation, only public rooms take part: a private room's name must not show through.
  const existing = room.visibility === "public" ? await store.rooms.findPublicByName(name.data) : null;
  if (existing && existing.id !== room.id)
    return { error: `A room called “${existing.name}” already exists.`, taken: true };
  await store.rooms.rename(room.id, name.data);
  return { room: { ...room, name: name.data } };
}

/** A private room: any name (it shows only to its members), a slug nobody can guess; its creator owns it. */
async function createPrivate(store: Store, user: User, name: string, topic: string): Promise<CreateRoomResult> {
  for (let tries = 0; tries < 3; tries++) {
    const room = await store.rooms.create({
      name,
      slug: privateSlug(name),
      topic,
      createdBy: user.id,
      visibility: "private",
    });
    if (room) {
      await store.members.add(room.id, user.id, "owner");
      return { room };
    }
  }
  return { error: "Could not make the room: try again." };
}
