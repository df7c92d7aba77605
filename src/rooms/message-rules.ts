/**
 * What a message may be. Dependency-free, so the composer (a view) and validation
 * (message-input.ts) share one set of numbers.
 */
export const messageRules = {
  maxLength: 4000,
  /** Larger socket frames are refused before parsing: no honest composer sends this much. */
  maxFrameBytes: 64 * 1024,
} as const;
