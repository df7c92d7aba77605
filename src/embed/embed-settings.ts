import { randomToken } from "../accounts/secrets.ts";
import type { EmbedSettings, Room } from "../store/records.ts";
import type { Store } from "../store/store.ts";
import { parseOrigins } from "./origin-rules.ts";

/** A room's embed settings; a room that never had any gets them now, closed, with a fresh secret to show. */
export async function embedSettingsOf(store: Store, room: Room): Promise<EmbedSettings> {
  return (
    (await store.embeds.settings(room.id)) ??
    (await store.embeds.save(room.id, { allowedOrigins: [], guests: false }, newSecret()))
  );
}

/** 256 bits: a site signs its people's tokens with it (HS256). */
export const newSecret = () => randomToken(32);

export type EmbedChange =
  | { ok: true; change: { allowedOrigins?: string[]; guests?: boolean } }
  | { ok: false; error: string };

/**
 * The settings form's `allowed_origins` (one per line) and `guests` ("on"/"off", or a lone
 * checkbox "on"); a field left out keeps its value.
 */
export function parseEmbedChange(form: Record<string, unknown>): EmbedChange {
  const change: { allowedOrigins?: string[]; guests?: boolean } = {};
  const { allowed_origins: origins, guests } = form;
  if (origins !== undefined) {
    if (typeof origins !== "string") return { ok: false, error: "Send the allowed origins as text, one per line." };
    const parsed = parseOrigins(origins);
    if (!parsed.ok) return parsed;
    change.allowedOrigins = parsed.origins;
  }
  if (guests !== undefined) {
    if (guests !== "on" && guests !== "off") return { ok: false, error: "Guests are on or off." };
    change.guests = guests === "on";
  }
  return { ok: true, change };
}
