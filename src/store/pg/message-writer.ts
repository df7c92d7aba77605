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
 * How long a plan is kept, and for how many messages: then it is made again, for the tables as
 * they have grown. The first plans are kept for fewer messages (1,000, then twice as many each
 * time, up to this), as a new table's size doubles fastest.
 */
const replanEveryMs = 60_000;
const replanEveryRows = 10_000;

/**
 * The connection message batches go out on. One is enough: the group commit sends one batch at
 * a time. On it the batch statement is prepared once and planned for any values (a generic
 * plan): drizzle sends each query unprepared, and parsing and planning the statement cost the
 * server 400 µs of CPU per batch, more than storing 20 messages; a batch of one took 700 µs of the
 * server's CPU, now 250 (bench/pg-insert-costs.ts). Only this connection plans so: a generic plan
 * would not suit every query of the pool. PostgreSQL 12 or newer (`plan_cache_mode`).
 *
 * A plan fits the tables it was made for: one made while `messages` was nearly empty reads the
 * whole table to check a batch's keys (a seq scan is cheapest there), which a grown table makes
 * slower with every message. An ANALYZE replans it, but autovacuum comes when it will. So after a
 * minute, or after so many messages stored through it (`replanEveryRows`), the next batch is
 * planned anew (`DISCARD PLANS` keeps the prepared statement) and checks each key in the index.
 */
export function messageWriter(
  url: string,
  { replanAfterMs = replanEveryMs, replanAfterRows = replanEveryRows } = {},
): { run: RunBatch; close(): Promise<void> } {
  const client = postgres(url, {
    max: 1,
    connect_timeout: 10,
    onnotice: () => {},
    connection: { plan_cache_mode: "force_generic_plan" },
  });
  const dialect = new PgDialect();
  let plannedAt = performance.now();
  let rowsSince = 0;
  let rowsKept = Math.min(1_000, replanAfterRows);
  return {
    run: async (statement) => {
      if (performance.now() - plannedAt >= replanAfterMs || rowsSince >= rowsKept) {
        plannedAt = performance.now();
        rowsSince = 0;
        rowsKept = Math.min(rowsKept * 2, replanAfterRows);
        await client.unsafe("DISCARD PLANS");
      }
      const query = dialect.sqlToQuery(statement);
      const rows = await client.unsafe(query.sql, query.params as postgres.ParameterOrJSON<never>[], { prepare: true });
      rowsSince += rows.length;
      return rows;
    },
    close: () => client.end({ timeout: 5 }),
  };
}
