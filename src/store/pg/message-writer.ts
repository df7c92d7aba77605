import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import postgres from "postgres";
import { connectionOptions, type PgDb } from "./db.ts";

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
/** How long a batch may wait for its answer before its connection is given up (see `answered`). */
const answerWithin = 15_000;

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
 * A connection made anew (after the server restarted, say) plans each batch for its values until then.
 * Each batch waits for its answer at most 15 s: then the connection is given up for a new one.
 */
export function messageWriter(
  url: string,
  { replanAfterMs = replanEveryMs, replanAfterRows = replanEveryRows, answerWithinMs = answerWithin } = {},
): { run: RunBatch; close(): Promise<void> } {
  const connect = () => postgres(url, { ...connectionOptions, max: 1 });
  let client = connect();
  const dialect = new PgDialect();
  let plannedAt = Number.NEGATIVE_INFINITY;
  let rowsSince = 0;
  let rowsKept = Math.min(1_000, replanAfterRows);

  /**
   * `query`'s answer, or an error once `answerWithinMs` have passed without one. On Bun, a query
   * sent just as the server reset the connection can stay pending for good (porsager/postgres#708),
   * and every batch waits for the one before it: so the connection is given up for a new one, and
   * this batch's senders hear that it failed (they send again; keys keep that from storing twice).
   */
  const answered = async <T>(query: Promise<T>): Promise<T> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const stuck = client;
        client = connect();
        plannedAt = Number.NEGATIVE_INFINITY;
        stuck.end({ timeout: 0 }).catch(() => {});
        reject(
          Object.assign(new Error(`PostgreSQL did not answer a message batch within ${answerWithinMs} ms`), {
            code: "ETIMEDOUT",
          }),
        );
      }, answerWithinMs);
    });
    try {
      return await Promise.race([query, late]);
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    run: async (statement) => {
      if (performance.now() - plannedAt >= replanAfterMs || rowsSince >= rowsKept) {
        plannedAt = performance.now();
        rowsSince = 0;
        rowsKept = Math.min(rowsKept * 2, replanAfterRows);
        // Set by a statement, not at connecting: a pooler in front (PgBouncer) refuses startup
        // parameters it does not know. Set again each time, so a connection made anew has it too.
        await answered(client.unsafe("SET plan_cache_mode = force_generic_plan; DISCARD PLANS"));
      }
      const query = dialect.sqlToQuery(statement);
      const rows = await answered(
        client.unsafe(query.sql, query.params as postgres.ParameterOrJSON<never>[], { prepare: true }),
      );
      rowsSince += rows.length;
      return rows;
    },
    close: () => client.end({ timeout: 5 }),
  };
}
