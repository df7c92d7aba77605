import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type * as schema from "./schema.ts";

/** drizzle over postgres.js, the one PostgreSQL driver (it runs on Bun, Node, Deno and in the binary). */
export type PgDb = PostgresJsDatabase<typeof schema>;
