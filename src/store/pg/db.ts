import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";

/**
 * drizzle over postgres.js, the one PostgreSQL driver (it runs on Bun, Node, Deno and in the
 * binary). No schema: the queries take their tables from the dialect (store.ts), not `db.query`.
 */
export type PgDb = PostgresJsDatabase;

/** How every connection Parley opens to PostgreSQL is made (the pool's and the message writer's). */
export const connectionOptions = {
  // Fail a health check or a start within seconds when the server is gone, not after 30.
  connect_timeout: 10,
  onnotice: () => {},
};
