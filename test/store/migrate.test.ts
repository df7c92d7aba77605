import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate as drizzleFolderMigrate } from "drizzle-orm/better-sqlite3/migrator";
import { describe, expect, it } from "vitest";
import {
  embeddedMigrationsModule,
  embeddedModulePath,
  embeddedModulePathOf,
  migrationSets,
  migrationsFolder,
} from "../../scripts/embed-migrations.ts";
import type { Db } from "../../src/store/db.ts";
import { migrate } from "../../src/store/migrate.ts";
import { migrations } from "../../src/store/migrations/embedded.ts";

const open = () => {
  const sqlite = new Database(":memory:");
  return { sqlite, db: drizzle(sqlite) as unknown as Db };
};
const tables = (sqlite: Database.Database) =>
  (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map(
    (t) => t.name,
  );

describe("migrations", () => {
  it("are embedded as drizzle-kit wrote them (else run `npm run db:generate`)", () => {
    expect(readFileSync(embeddedModulePath, "utf8"), "src/store/migrations/embedded.ts is stale").toBe(
      embeddedMigrationsModule(),
    );
    const postgres = migrationSets.postgres;
    expect(readFileSync(embeddedModulePathOf("postgres"), "utf8"), "src/store/pg/migrations/embedded.ts is stale").toBe(
      embeddedMigrationsModule(postgres.folder, postgres.typeFrom),
    );
  });

  it("apply in order once, recording each in drizzle's table", async () => {
    const { sqlite, db } = open();
    expect(await migrate(db, migrations)).toEqual(migrations.map((m) => m.tag));
    expect(await migrate(db, migrations)).toEqual([]);
    expect(tables(sqlite)).toEqual(expect.arrayContaining(["users", "rooms", "messages", "__drizzle_migrations"]));
    const rows = sqlite.prepare("SELECT created_at FROM __drizzle_migrations").all();
    expect(rows).toHaveLength(migrations.length);
  });

  it("carry on a database that drizzle's own folder migrator set up", async () => {
    const { sqlite, db } = open();
    drizzleFolderMigrate(drizzle(sqlite), { migrationsFolder });
    const later = { tag: "9999_later", when: Date.now() + 1e9, sql: "CREATE TABLE later (id integer)" };
    expect(await migrate(db, [...migrations, later])).toEqual(["9999_later"]);
    const hashes = sqlite.prepare("SELECT hash FROM __drizzle_migrations ORDER BY created_at").all() as {
      hash: string;
    }[];
    expect(hashes).toHaveLength(migrations.length + 1);
  });

  it("roll a failed migration back whole, keeping the ones before it", async () => {
    const { sqlite, db } = open();
    const broken = {
      tag: "9999_broken",
      when: Date.now() + 1e9,
      sql: "CREATE TABLE half (id integer);--> statement-breakpoint\nINSERT INTO nowhere VALUES (1)",
    };
    await expect(migrate(db, [...migrations, broken])).rejects.toThrow(/9999_broken/);
    expect(tables(sqlite)).not.toContain("half");
    expect(tables(sqlite)).toContain("messages");
    expect(await migrate(db, migrations)).toEqual([]);
  });
});
