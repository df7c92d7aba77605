/**
 * Close codes for refused and ended sockets (an HTTP refusal would make htmx retry forever):
 * 4000 plus the HTTP status the same refusal gets on a page or in the API. Here, below every
 * feature, so delivery can end a socket in the same words the chat refuses one.
 */
export const closeCodes = {
  /** "Try again later" (RFC 6455): a reader too slow for its room; the page reconnects and catches up. */
  tooSlow: 1013,
  badRequest: 4400,
  unauthenticated: 4401,
  forbidden: 4403,
  noSuchRoom: 4404,
  rateLimited: 4429,
} as const;

export const closeCodeFor = (status: number) => 4000 + status;
