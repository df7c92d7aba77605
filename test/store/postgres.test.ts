import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgres } from "../../src/store/pg/open.ts";
import { createPgStore } from "../../src/store/pg/store.ts";
import { isStorageUnavailable } from "../../src/store/unavailable.ts";
import { createTestDatabase, postgresAnswers, postgresServerUrl, type TestDatabase } from "../support/postgres.ts";
import { requirement } from "../support/requirement.ts";
import { storeContract } from "./contract.ts";

const needsPostgres = requirement(await postgresAnswers(), `PostgreSQL at ${postgresServerUrl}`);

describe.skipIf(needsPostgres.skip)("PostgreSQL adapter", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.drop());

  // One database for the file, emptied before each test: creating one per test costs more than the test.
  storeContract("PostgreSQL", async () => {
    const store = await openPostgres(database.url, { maxConnections: 4 });
    await database.reset();
    return store;
  });

  it("reports itself read-only, and its failed writes as unavailable, on a read-only database", async () => {
    const store = await openPostgres(database.url, { maxConnections: 1 });
    const name = new URL(database.url).pathname.slice(1);
    await database.sql.unsafe(`ALTER DATABASE ${name} SET default_transaction_read_only = on`);
    try {
      // New sessions take the setting: a fresh store, as after a failover to a standby.
      const readOnly = await openPostgres(database.url, { maxConnections: 1 }).catch((error) => error);
      expect(isStorageUnavailable(readOnly)).toBe(true);
      await store.close();
      const reopened = openPostgresWithoutMigrating(database.url);
      expect(await reopened.check(new Date())).toBe("read-only");
      await reopened.close();
    } finally {
      await database.sql.unsafe(`ALTER DATABASE ${name} SET default_transaction_read_only = off`);
    }
  });

  it("deletes a person's messages with them, and stores none for someone whose deletion commits first", async () => {
    const store = await openPostgres(database.url, { maxConnections: 2 });
    await database.reset();
    try {
      const ada = await store.users.create("ada", "hash");
      const bob = await store.users.create("bob", "hash");
      const room = ada && (await store.rooms.create({ name: "L", slug: "l", topic: "", createdBy: ada.id }));
      if (!ada || !bob || !room) throw new Error("setup");
      await store.messages.insert(room.id, ada, "ada's");
      const bobs = await store.messages.insert(room.id, bob, "bob's @ada");
      await store.messages.react(room.id, bobs.message.id, { userId: ada.id, emoji: "👍", on: true }, new Date());

      await database.sql`DELETE FROM users WHERE id = ${ada.id}`;
      expect((await store.messages.latest(room.id, 10)).map((m) => m.body)).toEqual(["bob's @ada"]);
      const [reactions] = await database.sql`SELECT count(*)::int AS n FROM reactions`;
      expect(reactions?.n).toBe(0);

      // Bob's deletion holds his row; a message of his waits for it, then finds no author.
      let late: Promise<unknown> | undefined;
      await database.sql.begin(async (deleting) => {
        await deleting`DELETE FROM users WHERE id = ${bob.id}`;
        late = store.messages.insert(room.id, bob, "sent as he was deleted").then(
          () => "stored",
          (error: unknown) => error,
        );
        await until(async () => {
          const [waiting] = await database.sql`
            SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE wait_event_type = 'Lock' AND query LIKE '%WITH given AS%'`;
          return waiting?.n === 1;
        });
      });
      expect(await late).toBeInstanceOf(Error);
      const [messages] = await database.sql`SELECT count(*)::int AS n FROM messages`;
      expect(messages?.n).toBe(0);
    } finally {
      await store.close();
    }
  });

  it("keeps a file a message shows, and lets one go that none does", async () => {
    const store = await openPostgres(database.url, { maxConnections: 2 });
    await database.reset();
    try {
      const ada = await store.users.create("ada", "hash");
      const room = ada && (await store.rooms.create({ name: "L", slug: "l", topic: "", createdBy: ada.id }));
      if (!ada || !room) throw new Error("setup");
      const shown = { hash: "ab".repeat(32), type: "image/png" as const, width: 2, height: 1, bytes: 9 };
      await store.files.record(shown);
      await store.files.record({ ...shown, hash: "cd".repeat(32) });
      await store.messages.insert(room.id, ada, "", null, shown);

      await expect(database.sql`DELETE FROM files WHERE hash = ${shown.hash}`).rejects.toThrow(/foreign key/);
      await database.sql`DELETE FROM files WHERE hash = ${"cd".repeat(32)}`;
      expect(await store.files.find(shown.hash)).toEqual(shown);
      expect(await store.files.find("cd".repeat(32))).toBeNull();
    } finally {
      await store.close();
    }
  });

  it("names a server that does not answer as unavailable", async () => {
    const error = await openPostgres("postgres://postgres@127.0.0.1:1/none").catch((e: unknown) => e);
    expect(isStorageUnavailable(error)).toBe(true);
  });
});

/** Resolves once `holds` answers true (asked every 10 ms, for up to 5 s). */
async function until(holds: () => Promise<boolean>) {
  for (let tries = 0; tries < 500; tries++) {
    if (await holds()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("never held");
}

/** The store over a database already migrated (a read-only one cannot record a migration run). */
function openPostgresWithoutMigrating(url: string) {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  return createPgStore(drizzle(client), () => client.end());
}
