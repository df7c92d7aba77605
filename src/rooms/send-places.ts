import type { Verdict } from "../limits/limiter.ts";

/**
 * Load shedding: past what this instance can store and send, a new message is refused with
 * a time to try again instead of waiting in memory. Measured open loop at 60,000 messages/s,
 * memory grew to 880 MB of suspended sends (promises, closures, async frames), not of socket
 * buffers. So the gauge is the sends in flight here (checked, not yet stored, rendered and
 * published); past `maxInFlight` a send is refused, and the retry time is how long those in
 * flight take to finish at the rate sends have lately finished. A refused send stores nothing and
 * is acknowledged by nobody: the page holds it and sends it again by itself, the API says 429.
 */
export const sendPlaceLimits = {
  /** About a tenth of a second of what one instance stores and sends at full speed (~30–40 k/s here). */
  maxInFlight: 4096,
  minRetryMs: 100,
  maxRetryMs: 5_000,
};

export interface SendPlaces {
  /** Takes a place for one send, or says how long to wait. */
  enter(): Verdict;
  /** Gives the place back once the send is done (stored and published, or failed). */
  leave(): void;
}

/** How often the finishing rate is brought up to date. */
const windowMs = 100;

export function createSendPlaces(
  { maxInFlight, minRetryMs, maxRetryMs } = sendPlaceLimits,
  now = () => performance.now(),
): SendPlaces {
  let inFlight = 0;
  let finished = 0;
  let since = now();
  /** Sends finished per millisecond, smoothed; starts as if the instance were idle and fast. */
  let rate = maxInFlight / minRetryMs;
  return {
    enter() {
      if (inFlight < maxInFlight) {
        inFlight++;
        return { ok: true };
      }
      const wait = inFlight / Math.max(rate, 1e-3);
      return { ok: false, retryAfterMs: Math.round(Math.min(maxRetryMs, Math.max(minRetryMs, wait))) };
    },
    leave() {
      inFlight--;
      finished++;
      const t = now();
      if (t - since >= windowMs) {
        rate = 0.5 * rate + (0.5 * finished) / (t - since);
        finished = 0;
        since = t;
      }
    },
  };
}
