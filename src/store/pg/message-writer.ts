import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import postgres from "postgres";
import type { PgDb } from "./db.ts";

/** Runs the batch statement of `message-batch.ts` and returns its rows. */
export type RunBatch = (statement: SQL) => Promise<unknown[]>;

/** A writer that runs the statement as any query of the pool (parsed and planned each time). */
export const onPool =
  (db: PgDb): RunBatch =>
  async (statement) =>
    (await db.execute(statement)) as unknown[];

/**
 * The connection message batches go out on. One is enough: the group commit sends one batch at
 * a time. On it the batch statement is prepared once and planned once, for any values (a generic
 * plan): drizzle sends each query unprepared, and parsing and planning the statement cost the
 * server 400 µs of CPU per batch, more than storing 20 messages; a batch of one took 650 µs of the
 * server's CPU, now 250 (bench/pg-insert-costs.ts). The plan holds for a batch of one as of
 * thousands. Only this connection plans so: a generic plan would not suit every query of the pool.
 * PostgreSQL 12 or newer (`plan_cache_mode`).
 */
export function messageWriter(url: string): { run: RunBatch; close(): Promise<void> } {
  const client = postgres(url, {
    max: 1,
    connect_timeout: 10,
    onnotice: () => {},
    connection: { plan_cache_mode: "force_generic_plan" },
  });
  const dialect = new PgDialect();
  return {
    run: async (statement) => {
      const query = dialect.sqlToQuery(statement);
      return await client.unsafe(query.sql, query.params as postgres.ParameterOrJSON<never>[], { prepare: true });
    },
    close: () => client.end({ timeout: 5 }),
  };
}
