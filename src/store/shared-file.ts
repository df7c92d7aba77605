const contention = /database is locked|SQLITE_BUSY|already exists/i;

/**
 * Runs a database file's setup (pragmas, migrations), retrying while another instance sets up
 * the same new file: switching it to WAL can fail at once with "database is locked" (SQLite
 * does not wait there), and two migrators that both saw an empty file collide with "already
 * exists". The retry sees the other instance's finished work and does nothing more.
 */
export async function setUpSharedFile(setUp: () => void | Promise<void>, attempts = 40): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await setUp();
      return;
    } catch (error) {
      if (attempt >= attempts || !contention.test(describe(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25 + Math.random() * 50));
    }
  }
}

// drizzle wraps SQLite's error as its cause.
const describe = (error: unknown): string =>
  error instanceof Error ? `${error.message} ${error.cause ? describe(error.cause) : ""}` : String(error);
