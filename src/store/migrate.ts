import { sql } from "drizzle-orm";
import type { Db } from "./db.ts";

/** One drizzle-kit migration: its journal tag and timestamp, and the text of its `.sql` file. */
export interface Migration {
  tag: string;
  when: number;
  sql: string;
}

/**
 * Applies the migrations newer than the last one recorded, in order, each in its own
 * transaction. Bookkeeping is drizzle's own `__drizzle_migrations` table (hash of the file,
 * journal timestamp), so databases migrated by drizzle's folder migrator carry on unchanged.
 * Every call is awaited, so it runs over any drizzle SQLite driver.
 * Returns the tags it applied.
 */
export async function migrate(db: Db, migrations: readonly Migration[]): Promise<string[]> {
  await db.run(
    sql`CREATE TABLE IF NOT EXISTS __drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`,
  );
  const applied: string[] = [];
  for (const migration of [...migrations].sort((a, b) => a.when - b.when)) {
    if (await applyOne(db, migration)) applied.push(migration.tag);
  }
  return applied;
}

/**
 * Applies one migration unless it is already recorded. The check runs inside a write
 * transaction (BEGIN IMMEDIATE), so two instances starting on one new file take turns instead
 * of both applying it; the second sees the first's record and does nothing.
 */
async function applyOne(db: Db, migration: Migration): Promise<boolean> {
  const statements = migration.sql.split("--> statement-breakpoint").filter((s) => s.trim() !== "");
  const hash = await sha256Hex(migration.sql);
  await db.run(sql`BEGIN IMMEDIATE`);
  try {
    const [last] = await db.values<[number | null]>(sql`SELECT MAX(created_at) FROM __drizzle_migrations`);
    if (last?.[0] !== null && last?.[0] !== undefined && migration.when <= Number(last[0])) {
      await db.run(sql`COMMIT`);
      return false;
    }
    for (const statement of statements) await db.run(sql.raw(statement));
    await db.run(sql`INSERT INTO __drizzle_migrations (hash, created_at) VALUES (${hash}, ${migration.when})`);
    await db.run(sql`COMMIT`);
    return true;
  } catch (error) {
    await db.run(sql`ROLLBACK`);
    throw new Error(`migration ${migration.tag} failed: ${(error as Error).message}`, { cause: error });
  }
}

/** drizzle's hash of a migration file (SHA-256, hex), through Web Crypto: the same on every runtime. */
async function sha256Hex(text: string) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}
