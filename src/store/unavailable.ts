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

/**
 * Whether an error means storage is out of room or cannot be written at all (disk full, quota,
 * read-only, I/O failure): what /healthz must report the moment a write meets it. Not a lock held
 * too long or a server away: those pass, and the health probe sees a server that is down.
 */
export function isOutOfStorage(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && outOfStorageCodes.test(code)) return true;
    if (outOfStorageMessages.test(e.message)) return true;
    // src/files/file-folder.ts's, by name: a full bucket has no errno to recognise it by.
    if (e.name === "DiskFullError") return true;
  }
  return false;
}

const outOfStorageCodes = /^(SQLITE_(FULL|READONLY|IOERR)|ENOSPC|EDQUOT|EROFS|53100|25006)/;
const outOfStorageMessages =
  /database or disk is full|readonly database|disk I\/O error|no space left on device|cannot commit - no transaction is active/i;

const sqliteCodes = /^SQLITE_(FULL|READONLY|BUSY|LOCKED|IOERR|CANTOPEN)/;
// SQLSTATE classes 08 (connection), 53 (resources), 57P (shutdown, starting), 25006 (read-only
// transaction: a standby); and postgres.js's and the socket's own connection failures.
const postgresCodes =
  /^(08[0-9A-Z]{3}|53[0-9A-Z]{3}|57P0[1-4]|25006|CONNECTION_(CLOSED|DESTROYED|ENDED)|CONNECT_TIMEOUT|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH)$/;
// "cannot commit - no transaction is active": a statement failed with SQLITE_FULL or IOERR inside
// a group commit and SQLite rolled the whole transaction back on its own, so the COMMIT after it
// finds none. It is the error the writers get, so it must read as what caused it.
const messages =
  /database or disk is full|readonly database|database is locked|disk I\/O error|unable to open database|cannot commit - no transaction is active/i;
