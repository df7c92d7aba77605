/** A same-site path to return to after logging in; anything else (absolute URLs, `//host`) goes home. */
export function safeNext(next: unknown): string {
  if (typeof next !== "string" || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  return next;
}
