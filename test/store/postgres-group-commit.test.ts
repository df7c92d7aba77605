import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PgDb } from "../../src/store/pg/db.ts";
import { createPgGroupCommit } from "../../src/store/pg/group-commit.ts";
import { messageWriter, onPool, type RunBatch } from "../../src/store/pg/message-writer.ts";
import { migratePostgres } from "../../src/store/pg/migrate.ts";
import { migrations } from "../../src/store/pg/migrations/embedded.ts";
import { createTestDatabase, postgresAnswers, postgresServerUrl, type TestDatabase } from "../support/postgres.ts";
import { requirement } from "../support/requirement.ts";

const needsPostgres = requirement(await postgresAnswers(), `PostgreSQL at ${postgresServerUrl}`);

/** Group commit keeps the fan-out figure on PostgreSQL only if a burst is one round trip. */
describe.skipIf(needsPostgres.skip)("group commit on PostgreSQL", () => {
  let database: TestDatabase;
  let client: postgres.Sql;
  let db: PgDb;
  let statements = 0;
  let run: RunBatch;
  let room: number;
  let user: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    client = postgres(database.url, { max: 4, onnotice: () => {} });
    db = drizzle(client);
    await migratePostgres(db, migrations);
    [{ id: user }] = await database.sql`INSERT INTO users (username, password_hash) VALUES ('ada', 'x') RETURNING id`;
    [{ id: room }] =
      await database.sql`INSERT INTO rooms (slug, name, created_by) VALUES ('l', 'L', ${user}) RETURNING id`;
    const pool = onPool(db);
    run = (statement) => {
      statements++;
      return pool(statement);
    };
  });
  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it("sends a burst of one turn as one statement, and what arrives meanwhile as the next", async () => {
    const write = createPgGroupCommit(run);
    const message = (body: string) =>
      write({ roomId: room, userId: user, body, clientKey: null, image: null, replyTo: null });
    statements = 0;
    const first = Array.from({ length: 200 }, (_, i) => message(`first ${i}`));
    // Next turn: the first batch is in flight, so these wait and go together after it.
    await new Promise((resolve) => setImmediate(resolve));
    const second = Array.from({ length: 100 }, (_, i) => message(`second ${i}`));
    const stored = await Promise.all([...first, ...second]);

    expect(statements).toBe(2);
    const ids = stored.map((row) => row?.id ?? 0);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(300);
  });

  it("stores each key of a keyed burst once, in one statement, however many times the burst repeats it", async () => {
    const write = createPgGroupCommit(run);
    let grace: number;
    [{ id: grace }] =
      await database.sql`INSERT INTO users (username, password_hash) VALUES ('grace', 'x') RETURNING id`;
    const message = (userId: number, key: string) =>
      write({ roomId: room, userId, body: key, clientKey: key, image: null, replyTo: null });
    statements = 0;
    // A page resends what it had pending: every key twice, and the same keys from another person.
    const keys = Array.from({ length: 300 }, (_, i) => `k${i}`);
    const stored = await Promise.all([...keys, ...keys].flatMap((key) => [message(user, key), message(grace, key)]));

    expect(statements).toBe(1);
    const firsts = stored.slice(0, 600);
    expect(stored.slice(600)).toEqual(firsts.map(() => null));
    const ids = firsts.map((row) => row?.id ?? 0);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(600);
    // A repeat takes no place in the room: the places run on without a gap, to the next message.
    const next = await message(user, "after the burst");
    const places = [...firsts, next].map((row) => row?.seq ?? 0);
    expect(places).toEqual(places.map((_, i) => (places[0] ?? 0) + i));
  });

  it("sends batches on the writer connection, each statement prepared once and planned once for any batch", async () => {
    const writer = messageWriter(database.url);
    try {
      const write = createPgGroupCommit(writer.run);
      const burst = (size: number, keyed: boolean) =>
        Promise.all(
          Array.from({ length: size }, (_, i) =>
            write({
              roomId: room,
              userId: user,
              body: `burst of ${size}, ${i}`,
              clientKey: keyed ? `plan-${size}-${i}` : null,
              image: null,
              replyTo: null,
            }),
          ),
        );
      for (const size of [1, 40, 3, 250]) {
        const stored = await burst(size, false);
        expect(stored.every((row) => row !== null)).toBe(true);
      }
      expect((await burst(5, true)).every((row) => row !== null)).toBe(true);

      // The statement with keys is another text: two statements, each planned once for every batch.
      const plans = (await writer.run(
        sql`SELECT generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements WHERE statement LIKE '%INSERT INTO messages%' ORDER BY generic_plans`,
      )) as { generic: number; custom: number }[];
      expect(plans).toEqual([
        { generic: 1, custom: 0 },
        { generic: 4, custom: 0 },
      ]);
    } finally {
      await writer.close();
    }
  });

  it("plans the batch anew once its plan may be stale: a grown table's keys are then checked in the index", async () => {
    // The plan's shape, from the writer's own connection: EXPLAIN of its keyed statement.
    const keyedPlan = async (writer: ReturnType<typeof messageWriter>) => {
      const [statement] = (await writer.run(
        sql`SELECT name FROM pg_prepared_statements WHERE statement LIKE '%PARTITION BY room_id, user_id, client_key%'`,
      )) as { name: string }[];
      const rows = (await writer.run(
        sql.raw(`EXPLAIN EXECUTE "${statement?.name}"(ARRAY[${room}], ARRAY[${user}], ARRAY['b'], ARRAY['probe'],
          ARRAY[NULL], ARRAY[NULL]::bigint[], ARRAY[${room}], ARRAY[${user}])`),
      )) as { "QUERY PLAN": string }[];
      return rows.map((row) => row["QUERY PLAN"]).join("\n");
    };
    const keyed = (key: string) => ({
      roomId: room,
      userId: user,
      body: key,
      clientKey: key,
      image: null,
      replyTo: null,
    });
    await database.sql`TRUNCATE messages CASCADE`;
    // Statistics would replan both (an ANALYZE invalidates plans), but autovacuum comes when it will.
    await database.sql`ALTER TABLE messages SET (autovacuum_enabled = false)`;
    const kept = messageWriter(database.url, {
      replanAfterMs: Number.POSITIVE_INFINITY,
      replanAfterRows: Number.POSITIVE_INFINITY,
    });
    const replanning = messageWriter(database.url, { replanAfterMs: 0 });
    try {
      // Both plan while the table is empty...
      await createPgGroupCommit(kept.run)(keyed("first"));
      await createPgGroupCommit(replanning.run)(keyed("second"));
      // ...then it grows.
      await database.sql`INSERT INTO messages (room_id, user_id, body, client_key, seq, created_at)
        SELECT ${room}, ${user}, 'grown', 'grown-' || n, n + 2, now() FROM generate_series(1, 20000) AS n`;
      await createPgGroupCommit(kept.run)(keyed("third"));
      await createPgGroupCommit(replanning.run)(keyed("fourth"));

      expect(await keyedPlan(kept)).toMatch(/Seq Scan on messages/);
      expect(await keyedPlan(replanning)).toMatch(/Index Only Scan using messages_client_key_idx on messages/);
      expect(await keyedPlan(replanning)).not.toMatch(/Seq Scan on messages/);
    } finally {
      await Promise.all([kept.close(), replanning.close()]);
      await database.sql`ALTER TABLE messages RESET (autovacuum_enabled)`;
    }
  });

  it("takes up a connection made anew where the last was cut, planning as before", async () => {
    const writer = messageWriter(database.url, { replanAfterMs: 0, answerWithinMs: 1_000 });
    try {
      const write = createPgGroupCommit(writer.run);
      const message = (body: string) =>
        write({ roomId: room, userId: user, body, clientKey: null, image: null, replyTo: null });
      await message("before the cut");
      const [backend] = (await writer.run(sql`SELECT pg_backend_pid() AS pid`)) as { pid: number }[];
      await database.sql`SELECT pg_terminate_backend(${backend?.pid ?? 0})`;
      // What is sent as the connection is cut may fail, or (on Bun) never be answered until the
      // writer gives the connection up; its senders are told, and send again, as a page does.
      let stored = null;
      for (let tries = 0; tries < 4 && !stored; tries++)
        stored = await message(`after the cut, try ${tries}`).catch(() => null);
      expect(stored).not.toBeNull();
      const [mode] = (await writer.run(sql`SHOW plan_cache_mode`)) as { plan_cache_mode: string }[];
      expect(mode?.plan_cache_mode).toBe("force_generic_plan");
    } finally {
      await writer.close();
    }
  });
});
