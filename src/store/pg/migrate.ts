import { sql } from "drizzle-orm";
import type { Migration } from "../migrate.ts";
import type { PgDb } from "./db.ts";

/** "parley" in ASCII: the advisory lock every instance takes to migrate. */
const migrationLock = 0x7061726c6579;

/**
 * Applies the migrations newer than the last one recorded, all in one transaction under a
 * transaction-level advisory lock: instances starting together on one new database queue on
 * the lock, the first applies, the others find the work done. Bookkeeping is drizzle's own
 * `drizzle.__drizzle_migrations` (hash, journal timestamp), so drizzle-kit's migrator agrees.
 * Returns the tags it applied.
 */
export async function migratePostgres(db: PgDb, migrations: readonly Migration[]): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${migrationLock})`);
    // Inside the lock: two "IF NOT EXISTS" racing each other can still collide in the catalog.
    await tx.execute(sql`CREATE SCHEMA IF NOT EXISTS drizzle`);
    await tx.execute(
      sql`CREATE TABLE IF NOT EXISTS drizzle.__drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)`,
    );
    const [last] = await tx.execute<{ when: string | null }>(
      sql`SELECT MAX(created_at)::text AS when FROM drizzle.__drizzle_migrations`,
    );
    const appliedUpTo = last?.when === null || last?.when === undefined ? -1 : Number(last.when);
    const applied: string[] = [];
    for (const migration of [...migrations].sort((a, b) => a.when - b.when)) {
      if (migration.when <= appliedUpTo) continue;
      for (const statement of migration.sql.split("--> statement-breakpoint")) {
        if (statement.trim() !== "") await tx.execute(sql.raw(statement));
      }
      await tx.execute(
        sql`INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES (${await sha256Hex(migration.sql)}, ${migration.when})`,
      );
      applied.push(migration.tag);
    }
    return applied;
  });
}

/** drizzle's hash of a migration file (SHA-256, hex), through Web Crypto: the same on every runtime. */
async function sha256Hex(text: string) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}
