import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Store } from "../store.ts";
import { connectionOptions, type PgDb } from "./db.ts";
import { messageWriter } from "./message-writer.ts";
import { migratePostgres } from "./migrate.ts";
import { migrations } from "./migrations/embedded.ts";
import { createPgStore } from "./store.ts";

/**
 * Connects to PostgreSQL at `url` (postgres://user:password@host:port/database?sslmode=…),
 * migrates it and returns the store. postgres.js is pure JavaScript over node:net/tls, so the
 * same code runs on Bun, Node, Deno and in the compiled binary; it pipelines queries on each
 * of its pooled connections.
 */
export async function openPostgres(url: string, options: { maxConnections?: number } = {}): Promise<Store> {
  const client = postgres(url, { ...connectionOptions, max: options.maxConnections ?? 10 });
  const db: PgDb = drizzle(client);
  try {
    await migratePostgres(db, migrations);
  } catch (error) {
    await client.end({ timeout: 1 });
    throw error;
  }
  const writer = messageWriter(url);
  return createPgStore(
    db,
    async () => {
      await Promise.all([writer.close(), client.end({ timeout: 5 })]);
    },
    writer.run,
  );
}
