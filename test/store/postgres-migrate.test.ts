import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterEach, describe, expect, it } from "vitest";
import { migratePostgres } from "../../src/store/pg/migrate.ts";
import { migrations } from "../../src/store/pg/migrations/embedded.ts";
import { createTestDatabase, postgresAnswers, postgresServerUrl, type TestDatabase } from "../support/postgres.ts";
import { requirement } from "../support/requirement.ts";

const needsPostgres = requirement(await postgresAnswers(), `PostgreSQL at ${postgresServerUrl}`);

describe.skipIf(needsPostgres.skip)("PostgreSQL migrations", () => {
  let database: TestDatabase | undefined;
  afterEach(() => database?.drop());

  it("apply once when several instances start together on a new database", async () => {
    database = await createTestDatabase();
    const url = database.url;
    // One client each, as separate instances: they meet only at the database's advisory lock.
    const clients = [1, 2, 3, 4].map(() => postgres(url, { max: 1, onnotice: () => {} }));
    const results = await Promise.all(clients.map((client) => migratePostgres(drizzle(client), migrations)));

    expect(results.filter((tags) => tags.length > 0)).toEqual([migrations.map((m) => m.tag)]);
    const recorded = await database.sql`SELECT created_at::text AS at FROM drizzle.__drizzle_migrations`;
    expect(recorded.map((row) => Number(row.at))).toEqual(migrations.map((m) => m.when));
    const tables = await database.sql`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`;
    expect(tables.map((row) => row.tablename)).toEqual([
      "api_tokens",
      "deployment",
      "files",
      "health_probe",
      "memberships",
      "mentions",
      "messages",
      "push_subscriptions",
      "reactions",
      "room_bans",
      "room_embeds",
      "room_invites",
      "rooms",
      "sessions",
      "used_embed_tokens",
      "users",
    ]);

    expect(await migratePostgres(drizzle(clients[0] as postgres.Sql), migrations)).toEqual([]);
    for (const client of clients) await client.end();
  });

  it("number the messages already stored per room, and set each room's counter, when places arrive", async () => {
    database = await createTestDatabase();
    const client = postgres(database.url, { max: 1, onnotice: () => {} });
    await migratePostgres(
      drizzle(client),
      migrations.filter((m) => m.tag < "0003"),
    );
    await database.sql.unsafe(`
      INSERT INTO users (id, username, password_hash) VALUES (1, 'ada', 'x');
      INSERT INTO rooms (id, slug, name) VALUES (1, 'a', 'A'), (2, 'b', 'B'), (3, 'c', 'C');
      INSERT INTO messages (id, room_id, user_id, body) VALUES (5, 1, 1, 'a1'), (6, 2, 1, 'b1'), (9, 1, 1, 'a2'), (12, 1, 1, 'a3');
    `);
    await migratePostgres(drizzle(client), migrations);
    const places = await database.sql`SELECT room_id, id::int, seq FROM messages ORDER BY room_id, id`.values();
    expect(places).toEqual([
      [1, 5, 1],
      [1, 9, 2],
      [1, 12, 3],
      [2, 6, 1],
    ]);
    const counters = await database.sql`SELECT id, last_seq FROM rooms ORDER BY id`.values();
    expect(counters).toEqual([
      [1, 3],
      [2, 1],
      [3, 0],
    ]);
    await client.end();
  });

  it("make each room's creator its owner when rooms get roles", async () => {
    database = await createTestDatabase();
    const client = postgres(database.url, { max: 1, onnotice: () => {} });
    await migratePostgres(
      drizzle(client),
      migrations.filter((m) => m.tag < "0005"),
    );
    await database.sql.unsafe(`
      INSERT INTO users (id, username, password_hash) VALUES (1, 'ada', 'x'), (2, 'bob', 'x');
      INSERT INTO rooms (id, slug, name, created_by) VALUES (1, 'a', 'A', 1), (2, 'b', 'B', NULL);
      INSERT INTO memberships (room_id, user_id) VALUES (1, 1), (1, 2), (2, 1);
    `);
    await migratePostgres(drizzle(client), migrations);
    const roles = await database.sql`SELECT room_id, user_id, role FROM memberships ORDER BY room_id, user_id`.values();
    expect(roles).toEqual([
      [1, 1, "owner"],
      [1, 2, "member"],
      [2, 1, "member"],
    ]);
    await client.end();
  });

  it("leave nothing behind when one fails", async () => {
    database = await createTestDatabase();
    const client = postgres(database.url, { max: 1, onnotice: () => {} });
    const broken = [
      ...migrations,
      { tag: "9999_broken", when: Date.now() * 2, sql: "CREATE TABLE oops (id int);--> statement-breakpoint\nNOT SQL" },
    ];
    await expect(migratePostgres(drizzle(client), broken)).rejects.toThrow();
    const tables = await database.sql`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`;
    expect(tables).toHaveLength(0);
    await client.end();
  });
});
