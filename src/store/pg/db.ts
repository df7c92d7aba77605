import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";

/**
 * drizzle over postgres.js, the one PostgreSQL driver (it runs on Bun, Node, Deno and in the
 * binary). No schema: the queries take their tables from the dialect (store.ts), not `db.query`.
 */
export type PgDb = PostgresJsDatabase;
