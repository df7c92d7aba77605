import { randomBytes } from "node:crypto";
import postgres from "postgres";

/** The server the PostgreSQL tests use: its maintenance database, where they create their own. */
export const postgresServerUrl = process.env.POSTGRES_TEST_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

const admin = () => postgres(postgresServerUrl, { max: 1, connect_timeout: 3, onnotice: () => {} });

/** Whether a PostgreSQL answers at `postgresServerUrl`. */
export async function postgresAnswers(): Promise<boolean> {
  const sql = admin();
  try {
    await sql`SELECT 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

export interface TestDatabase {
  /** postgres:// URL of the new, empty database. */
  url: string;
  /** Empties every table and restarts the ids, as a new database would have them. */
  reset(): Promise<void>;
  /** Runs SQL on the database itself (triggers, counts) over a connection of the test's own. */
  sql: postgres.Sql;
  drop(): Promise<void>;
}

/** A database of the test's own (`parley_test_<random>`), dropped afterwards even with connections left open. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `parley_test_${randomBytes(6).toString("hex")}`;
  const server = admin();
  await server.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(postgresServerUrl);
  url.pathname = `/${name}`;
  const sql = postgres(url.href, { max: 4, onnotice: () => {} });
  return {
    url: url.href,
    sql,
    async reset() {
      const tables = await sql<{ name: string }[]>`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`;
      if (tables.length)
        await sql.unsafe(`TRUNCATE ${tables.map((t) => `"${t.name}"`).join(", ")} RESTART IDENTITY CASCADE`);
    },
    async drop() {
      await sql.end({ timeout: 1 });
      await server.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await server.end({ timeout: 1 });
    },
  };
}
