/**
 * Whether an error means the database cannot take writes just now (disk full, read-only file,
 * locked past the busy timeout, I/O failure; on PostgreSQL also a server that is down,
 * restarting, read-only or out of connections) rather than a bug: callers answer 503 and "try
 * again", not a bare 500. Each driver words it its own way, and drizzle wraps it as a cause.
 */
export function isStorageUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (sqliteCodes.test(code) || postgresCodes.test(code))) return true;
    if (messages.test(e.message)) return true;
  }
  return false;
}

const sqliteCodes = /^SQLITE_(FULL|READONLY|BUSY|LOCKED|IOERR|CANTOPEN)/;
// SQLSTATE classes 08 (connection), 53 (resources), 57P (shutdown, starting), 25006 (read-only
// transaction: a standby); and postgres.js's and the socket's own connection failures.
const postgresCodes =
  /^(08[0-9A-Z]{3}|53[0-9A-Z]{3}|57P0[1-4]|25006|CONNECTION_(CLOSED|DESTROYED|ENDED)|CONNECT_TIMEOUT|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH)$/;
const messages =
  /database or disk is full|readonly database|database is locked|disk I\/O error|unable to open database/i;
