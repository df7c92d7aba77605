import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

const originLength = 11; // 8 random bytes, base64url
const tagLength = 22; // 16 bytes of HMAC-SHA-256, base64url

/**
 * How a fragment travels on Redis: `<origin>.<tag>.<fragment>`. The origin names the sending
 * instance, so an instance can skip its own fragments when Redis echoes them. The tag is an
 * HMAC-SHA-256 of channel, origin and fragment under the deployment's key: anything published
 * on our channels by someone without the key (another deployment sharing the Redis, anyone who
 * can reach it) fails the check, and so does one of our fragments moved to another room's channel.
 * The fragment itself stays readable on Redis: see docs/security.md for what that leaves open.
 */
export interface Envelope {
  seal(channel: string, fragment: string): string;
  /** Whether this instance sealed it: no need to check the tag, it is not delivered again. */
  fromHere(sealed: string): boolean;
  /** The fragment, or null when this deployment did not seal it for this channel. */
  open(channel: string, sealed: string): string | null;
}

export function createEnvelope(key: Uint8Array): Envelope {
  const origin = randomBytes(8).toString("base64url");
  const tag = (channel: string, from: string, fragment: string) =>
    createHmac("sha256", key).update(`${channel}\n${from}\n`).update(fragment).digest().subarray(0, 16);

  return {
    seal: (channel, fragment) => `${origin}.${tag(channel, origin, fragment).toString("base64url")}.${fragment}`,
    fromHere: (sealed) => sealed.startsWith(`${origin}.`),
    open(channel, sealed) {
      const tagEnd = originLength + 1 + tagLength;
      if (sealed[originLength] !== "." || sealed[tagEnd] !== ".") return null;
      const from = sealed.slice(0, originLength);
      const fragment = sealed.slice(tagEnd + 1);
      const claimed = Buffer.from(sealed.slice(originLength + 1, tagEnd), "base64url");
      const expected = tag(channel, from, fragment);
      return claimed.length === expected.length && timingSafeEqual(claimed, expected) ? fragment : null;
    },
  };
}
