import { HTTPException } from "hono/http-exception";
import type { Paths } from "../../views/paths.ts";
import { digest, randomToken } from "../accounts/secrets.ts";
import type { Deps } from "../app-env.ts";
import type { Room, RoomInvite, User } from "../store/records.ts";
import { mayBeAdded } from "./access.ts";

/** How long an invite link works unless revoked sooner. */
export const inviteLifetimeMs = 7 * 24 * 60 * 60 * 1000;

/** A fresh invite to the room: its code (to show once) and its record (kept by the code's digest). */
export async function createInvite(
  deps: Pick<Deps, "store" | "now">,
  room: Room,
  by: User,
): Promise<{ code: string; invite: RoomInvite }> {
  const code = randomToken(18);
  const expiresAt = new Date(deps.now().getTime() + inviteLifetimeMs);
  const invite = await deps.store.invites.create({
    roomId: room.id,
    codeHash: await digest(code),
    createdBy: by.id,
    expiresAt,
  });
  return { code, invite };
}

export const inviteUrl = (origin: string, paths: Paths, code: string) => `${origin}${paths.to(`/invites/${code}`)}`;

/** Ids arrive as path text: anything but a room's live invite is a 404. */
export async function revokeInvite(deps: Pick<Deps, "store" | "now">, room: Room, id: string | undefined) {
  const number = Number(id);
  const revoked = Number.isSafeInteger(number) && (await deps.store.invites.revoke(room.id, number, deps.now()));
  if (!revoked) throw new HTTPException(404, { message: "There is no such invite link here." });
}

/**
 * Joins the person to the invite's room while the invite lasts; null for an unknown, expired or
 * revoked code, and for someone banned from the room (they see the same page: nothing to probe).
 */
export async function joinByInvite(
  deps: Pick<Deps, "store" | "now">,
  code: string | undefined,
  user: User,
): Promise<{ slug: string } | null> {
  if (!code || code.length > 64) return null;
  const found = await deps.store.invites.findLive(await digest(code), deps.now());
  if (!found) return null;
  const { store } = deps;
  const room = await store.rooms.findBySlug(found.slug);
  if (!room || !mayBeAdded(room, await store.rooms.standing(room.id, user.id))) return null;
  await store.members.add(room.id, user.id);
  return { slug: room.slug };
}
