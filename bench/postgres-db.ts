import { randomBytes } from "node:crypto";
import postgres from "postgres";

/** The PostgreSQL server benchmarks make their databases on (the local one unless told). */
export const postgresServerUrl = process.env.POSTGRES_BENCH_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** Whether PostgreSQL answers: its scenarios are skipped, with a note, where it does not. */
export async function postgresAnswers(): Promise<boolean> {
  const admin = postgres(postgresServerUrl, { max: 1, onnotice: () => {}, connect_timeout: 2 });
  try {
    await admin`SELECT 1`;
    return true;
  } catch {
    return false;
  } finally {
    await admin.end({ timeout: 1 });
  }
}

/** A fresh database for one scenario: its URL, and how to drop it afterwards. */
export async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = postgres(postgresServerUrl, { max: 1, onnotice: () => {} });
  const name = `parley_bench_${randomBytes(6).toString("hex")}`;
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(postgresServerUrl);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    drop: async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end({ timeout: 1 });
    },
  };
}

/** Runs `use` on a fresh database, dropped afterwards. */
export async function withDatabase<T>(use: (url: string) => Promise<T>): Promise<T> {
  const database = await freshDatabase();
  try {
    return await use(database.url);
  } finally {
    await database.drop();
  }
}
