import type { Limit, Limiter, Verdict } from "../limits/limiter.ts";

/**
 * Sized for people: a pasted list or a quick run of a few dozen short lines goes straight
 * through; a script flooding the room is held to 5 a second. The page holds a refused send
 * and sends it again when the limit allows (the refusal says when), so nothing is lost.
 */
export const messageLimit: Limit = { burst: 60, everyMs: 200 };

/** A sender's message allowance, shared by every instance when the limiter is Redis's. */
export type RateLimit = (sender: string) => Promise<Verdict>;

export const messageRateLimit =
  (limiter: Limiter): RateLimit =>
  (sender) =>
    limiter.take("message", sender, messageLimit);
