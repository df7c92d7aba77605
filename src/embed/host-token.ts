import { verify } from "hono/jwt";
import { digest } from "../accounts/secrets.ts";
import type { Room } from "../store/records.ts";
import type { EmbedQueries } from "../store/store.ts";

/**
 * How an embedding site vouches for its own signed-in people: a JWT signed with the room's
 * secret (HS256) carrying `sub` (their id on that site), `name`, `aud` (the room's slug) and
 * `exp`. Short-lived and good once: it is exchanged for an embed session at once, so a token
 * copied out of a page later opens nothing.
 */
export const hostTokenRules = {
  /** Further ahead than this, `exp` is refused: a token meant for a page load, not a login. */
  maxLifetimeSeconds: 60 * 60,
  maxLength: 4096,
  name: { max: 64 },
  sub: { max: 128 },
} as const;

export type HostPerson = { sub: string; name: string };
export type HostTokenCheck = { ok: true; person: HostPerson } | { ok: false; error: string };

const again = "Reload the page for a fresh one.";

/** Why hono's verify refused a token, in words for the person looking at the embed. */
const reasons: Record<string, string> = {
  JwtTokenExpired: `This sign-in has expired. ${again}`,
  JwtTokenSignatureMismatched: "This sign-in was not signed with this room's secret.",
  JwtTokenAudience: "This sign-in is for another room.",
  JwtPayloadRequiresAud: "This sign-in names no room (aud).",
  JwtTokenNotBefore: "This sign-in is not valid yet.",
  JwtTokenIssuedAt: "This sign-in was issued in the future.",
  JwtAlgorithmMismatch: "This sign-in must be signed with HS256.",
};

const textClaim = (value: unknown, max: number) =>
  typeof value === "string" && value.trim() && value.length <= max && !/[\r\n]/.test(value) ? value.trim() : null;

/**
 * Checks signature, room, expiry and claims, then records the token as used (until it expires):
 * a second use, anywhere in the deployment, is a replay.
 */
export async function checkHostToken(
  token: string,
  room: Room,
  secret: string,
  used: Pick<EmbedQueries, "claimToken">,
  now: Date,
): Promise<HostTokenCheck> {
  if (token.length > hostTokenRules.maxLength) return { ok: false, error: "This sign-in token is too long." };
  let claims: Record<string, unknown>;
  try {
    claims = await verify(token, secret, { alg: "HS256", aud: room.slug });
  } catch (error) {
    const reason = reasons[(error as Error).name];
    return { ok: false, error: reason ?? "This sign-in token is not a valid signed token." };
  }
  const exp = claims.exp;
  if (typeof exp !== "number") return { ok: false, error: "This sign-in has no expiry (exp)." };
  if (exp - now.getTime() / 1000 > hostTokenRules.maxLifetimeSeconds) {
    return { ok: false, error: "This sign-in lives too long: its expiry (exp) must be within an hour." };
  }
  const sub = textClaim(claims.sub, hostTokenRules.sub.max);
  const name = textClaim(claims.name, hostTokenRules.name.max);
  if (!sub) return { ok: false, error: "This sign-in names nobody (sub)." };
  if (!name)
    return { ok: false, error: `This sign-in has no name to show (name, 1–${hostTokenRules.name.max} characters).` };
  if (!(await used.claimToken(await digest(token), new Date(exp * 1000), now))) {
    return { ok: false, error: `This sign-in was already used. ${again}` };
  }
  return { ok: true, person: { sub, name } };
}
