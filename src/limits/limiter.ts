/** A limit: up to `burst` at once, then one more every `everyMs`. */
export interface Limit {
  burst: number;
  everyMs: number;
}

/** Allowed, or refused with how long until the next one would be. */
export type Verdict = { ok: true } | { ok: false; retryAfterMs: number };

/**
 * Rate limits by name and key (`"login:ip"`, a network): in this process for one instance, in
 * Redis for several, so a limit holds across every instance sharing it (src/limits/).
 */
export interface Limiter {
  /** Uses one of the key's allowance under `limit`. */
  take(name: string, key: string, limit: Limit): Promise<Verdict>;
  /**
   * Counts something held open (a socket, by an id unique to this instance) against `cap` for
   * `key`, over every instance; false, and nothing counted, when `key` is at its cap.
   */
  hold(name: string, key: string, id: string, cap: number): Promise<boolean>;
  /** Stops counting what `hold` counted (nothing when it was refused). */
  release(name: string, key: string, id: string): Promise<void>;
  close(): Promise<void>;
}
