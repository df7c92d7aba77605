/**
 * The `Retry-After` value for a wait of `ms`: whole seconds, rounded up, so a client that waits
 * that long is not refused again; at least 1, since 0 reads as "now" and a client would retry at
 * once into the same refusal.
 */
export const retryAfter = (ms: number): string => String(Math.max(1, Math.ceil(ms / 1000) || 1));
