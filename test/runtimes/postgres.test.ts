import { existsSync } from "node:fs";
import { afterAll, expect, it } from "vitest";
import { createTestDatabase, postgresAnswers, postgresServerUrl, type TestDatabase } from "../support/postgres.ts";
import { requirement } from "../support/requirement.ts";
import { launches } from "../support/server.ts";
import { smokeSuite } from "./smoke.ts";

/**
 * The smoke story with DATABASE_URL=postgres://… on each runtime, each over a database of its
 * own: sign-up, rooms, sockets, the drain on SIGTERM and the history after a restart all go
 * through the PostgreSQL adapter.
 */
const { skip } = requirement(await postgresAnswers(), `PostgreSQL at ${postgresServerUrl}`);
const deno = requirement(existsSync(launches.deno.command), `Deno (${launches.deno.command})`);

const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const database of databases) await database.drop();
});
const onItsOwnDatabase = async () => {
  const database = await createTestDatabase();
  databases.push(database);
  return database.url;
};

const targets = { bun: launches.bun, node: launches.node, deno: launches.deno };
for (const [name, launch] of Object.entries(targets)) {
  const url = skip || (name === "deno" && deno.skip) ? "" : await onItsOwnDatabase();
  smokeSuite(`${name} on PostgreSQL`, () => launch, {
    skip: skip || (name === "deno" && deno.skip),
    env: () => ({ DATABASE_URL: url }),
  });
}

it.skipIf(skip)("stored everything in PostgreSQL, not in a SQLite file beside it", async () => {
  for (const database of databases) {
    const [users] = await database.sql`SELECT count(*)::int AS n FROM users`;
    const [messages] = await database.sql`SELECT count(*)::int AS n FROM messages`;
    expect(users?.n).toBeGreaterThanOrEqual(2);
    expect(messages?.n).toBeGreaterThanOrEqual(1);
  }
});
