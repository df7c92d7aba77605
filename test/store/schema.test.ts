import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  type DrizzleSnapshotJSON,
  type DrizzleSQLiteSnapshotJSON,
  generateDrizzleJson,
  generateMigration,
  generateSQLiteDrizzleJson,
  generateSQLiteMigration,
} from "drizzle-kit/api";
import { describe, expect, it } from "vitest";
import { migrationSets } from "../../scripts/embed-migrations.ts";
import * as pgSchema from "../../src/store/pg/schema.ts";
import * as sqliteSchema from "../../src/store/schema.ts";

/** drizzle-kit's snapshot of the newest migration in a dialect's folder: the tables as migrated. */
const latestSnapshot = (folder: string) => {
  const journal = JSON.parse(readFileSync(join(folder, "meta", "_journal.json"), "utf8")) as {
    entries: { idx: number }[];
  };
  const last = journal.entries.at(-1)?.idx ?? 0;
  return JSON.parse(readFileSync(join(folder, "meta", `${String(last).padStart(4, "0")}_snapshot.json`), "utf8"));
};

// What `npm run db:generate` would write: nothing, or a table changed without its migration.
describe("the tables as written", () => {
  it("are SQLite's tables as migrated", async () => {
    const migrated = latestSnapshot(migrationSets.sqlite.folder) as DrizzleSQLiteSnapshotJSON;
    const written = await generateSQLiteDrizzleJson(sqliteSchema, migrated.id);
    expect(await generateSQLiteMigration(migrated, written)).toEqual([]);
  });

  it("are PostgreSQL's tables as migrated", async () => {
    const migrated = latestSnapshot(migrationSets.postgres.folder) as DrizzleSnapshotJSON;
    const written = generateDrizzleJson(pgSchema, migrated.id);
    expect(await generateMigration(migrated, written)).toEqual([]);
  });
});
