/**
 * Whether an error means the database cannot take writes just now (disk full, read-only file,
 * locked past the busy timeout, I/O failure) rather than a bug: callers answer 503 and "try
 * again", not a bare 500. Each driver words it its own way, and drizzle wraps it as a cause.
 */
export function isStorageUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && codes.test(code)) return true;
    if (messages.test(e.message)) return true;
  }
  return false;
}

const codes = /^SQLITE_(FULL|READONLY|BUSY|LOCKED|IOERR|CANTOPEN)/;
const messages =
  /database or disk is full|readonly database|database is locked|disk I\/O error|unable to open database/i;
