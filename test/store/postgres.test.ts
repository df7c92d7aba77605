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

  it("names a server that does not answer as unavailable", async () => {
    const error = await openPostgres("postgres://postgres@127.0.0.1:1/none").catch((e: unknown) => e);
    expect(isStorageUnavailable(error)).toBe(true);
  });
});

/** The store over a database already migrated (a read-only one cannot record a migration run). */
function openPostgresWithoutMigrating(url: string) {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  return createPgStore(drizzle(client), () => client.end());
}
