import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { caller } from "../../scripts/parley-http.ts";
import { everyMessage, signUpOver } from "../support/client.ts";
import { createTestDatabase, postgresAnswers, postgresServerUrl, type TestDatabase } from "../support/postgres.ts";
import { requirement } from "../support/requirement.ts";
import { removeDataDir, startServer } from "../support/server.ts";

const run = promisify(execFile);
const tools = ["/usr/bin/pg_dump", "/usr/bin/pg_restore"];
const { skip } = requirement(
  (await postgresAnswers()) && tools.every((tool) => existsSync(tool)),
  `PostgreSQL at ${postgresServerUrl} with pg_dump and pg_restore`,
);

/** docs/operating.md's PostgreSQL backup, as written there: pg_dump while Parley writes, pg_restore into an empty database. */
describe.skipIf(skip)("a PostgreSQL deployment's backup (pg_dump, pg_restore)", () => {
  const databases: TestDatabase[] = [];
  const folder = mkdtempSync(join(tmpdir(), "parley-pg-backup-"));
  afterAll(async () => {
    for (const database of databases) await database.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it("restores every message acknowledged before the dump began", async () => {
    const live = await createTestDatabase();
    const restoredDb = await createTestDatabase();
    databases.push(live, restoredDb);
    const server = await startServer({ env: { DATABASE_URL: live.url } });
    try {
      const alice = await signUpOver(server.url, "alice");
      const slug = await alice.createRoom("Ledger");
      const acknowledged: string[] = [];
      let writing = true;
      let reached: () => void = () => {};
      const twenty = new Promise<void>((resolve) => (reached = resolve));
      const writer = (async () => {
        for (let i = 0; writing; i++) {
          await alice.post(slug, `entry ${i}`);
          acknowledged.push(`entry ${i}`);
          if (acknowledged.length >= 20) reached();
        }
      })();
      await twenty;
      const before = [...acknowledged];
      const dump = join(folder, "parley.dump");
      await run("pg_dump", ["--format=custom", `--file=${dump}`, live.url]);
      writing = false;
      await writer;
      await run("pg_restore", ["--no-owner", `--dbname=${restoredDb.url}`, dump]);

      const restored = await startServer({ env: { DATABASE_URL: restoredDb.url } });
      try {
        const bodies = await everyMessage(restored.url, alice.cookie, slug);
        expect(before.filter((body) => !bodies.includes(body))).toEqual([]);
        // The restored database goes on counting where the dump left off.
        await caller(restored.url, alice.cookie)(`/api/rooms/${slug}/messages`, {
          method: "POST",
          body: JSON.stringify({ body: "after restore" }),
          headers: { "content-type": "application/json" },
        });
        expect((await everyMessage(restored.url, alice.cookie, slug)).at(-1)).toBe("after restore");
      } finally {
        await restored.stop();
        removeDataDir(restored);
      }
    } finally {
      await server.stop();
      removeDataDir(server);
    }
  });
});
