/**
 * What a message may be. Dependency-free, so the composer (a view) and validation
 * (message-input.ts) share one set of numbers.
 */
export const messageRules = {
  maxLength: 4000,
  /** Larger socket frames are refused before parsing: no honest composer sends this much. */
  maxFrameBytes: 64 * 1024,
} as const;

/** As much of a message as room lists show as a room's latest activity; an image alone has no text. */
export const previewOf = (body: string) => (body.length > 80 ? `${body.slice(0, 79)}…` : body || "(an image)");
