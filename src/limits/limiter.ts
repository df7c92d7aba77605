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
  close(): Promise<void>;
}
