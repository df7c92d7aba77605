import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { createTestDatabase, postgresAnswers, postgresServerUrl, type TestDatabase } from "../support/postgres.ts";
import { requirement } from "../support/requirement.ts";
import { launches, root } from "../support/server.ts";
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

it("stops at start with one line naming the PostgreSQL it could not reach", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "parley-no-postgres-"));
  const result = spawnSync(launches.bun.command, launches.bun.args, {
    cwd: root,
    env: { ...process.env, DATABASE_URL: "postgres://parley:secret@127.0.0.1:1/nowhere", PORT: "0", DATA_DIR: dataDir },
    encoding: "utf8",
    timeout: 30_000,
  });
  rmSync(dataDir, { recursive: true, force: true });
  expect(result.status).toBe(1);
  expect(result.stderr.trim()).toMatch(
    /^DATABASE_URL: could not open PostgreSQL at 127\.0\.0\.1:1\/nowhere: .*ECONNREFUSED/,
  );
  // The password in the URL is not repeated in the log.
  expect(result.stderr).not.toContain("secret");
});
