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

  it("number the messages already stored per room, in id order, when places arrive", async () => {
    const { sqlite, db } = open();
    const before = migrations.filter((m) => m.tag < "0010");
    await migrate(db, before);
    sqlite.exec(`
      INSERT INTO users (id, username, password_hash) VALUES (1, 'ada', 'x');
      INSERT INTO rooms (id, slug, name) VALUES (1, 'a', 'A'), (2, 'b', 'B');
      INSERT INTO messages (id, room_id, user_id, body) VALUES (5, 1, 1, 'a1'), (6, 2, 1, 'b1'), (9, 1, 1, 'a2'), (12, 1, 1, 'a3');
    `);
    await migrate(db, migrations);
    expect(sqlite.prepare("SELECT room_id, id, seq FROM messages ORDER BY room_id, id").raw().all()).toEqual([
      [1, 5, 1],
      [1, 9, 2],
      [1, 12, 3],
      [2, 6, 1],
    ]);
  });

  it("make each room's creator its owner when rooms get roles", async () => {
    const { sqlite, db } = open();
    await migrate(
      db,
      migrations.filter((m) => m.tag < "0012"),
    );
    sqlite.exec(`
      INSERT INTO users (id, username, password_hash) VALUES (1, 'ada', 'x'), (2, 'bob', 'x');
      INSERT INTO rooms (id, slug, name, created_by) VALUES (1, 'a', 'A', 1), (2, 'b', 'B', NULL);
      INSERT INTO memberships (room_id, user_id) VALUES (1, 1), (1, 2), (2, 1);
    `);
    await migrate(db, migrations);
    expect(
      sqlite.prepare("SELECT room_id, user_id, role FROM memberships ORDER BY room_id, user_id").raw().all(),
    ).toEqual([
      [1, 1, "owner"],
      [1, 2, "member"],
      [2, 1, "member"],
    ]);
    expect(sqlite.prepare("SELECT id, visibility FROM rooms ORDER BY id").raw().all()).toEqual([
      [1, "public"],
      [2, "public"],
    ]);
  });

  it("index the words of the messages already stored, but not deleted ones, when search arrives", async () => {
    const { sqlite, db } = open();
    await migrate(
      db,
      migrations.filter((m) => m.tag < "0015"),
    );
    sqlite.exec(`
      INSERT INTO users (id, username, password_hash) VALUES (1, 'ada', 'x');
      INSERT INTO rooms (id, slug, name) VALUES (1, 'a', 'A');
      INSERT INTO messages (id, room_id, user_id, body, seq, deleted_at) VALUES (5, 1, 1, 'old harbour', 1, NULL), (6, 1, 1, '', 2, 1);
    `);
    await migrate(db, migrations);
    const found = (word: string) =>
      sqlite.prepare("SELECT rowid FROM messages_search WHERE messages_search MATCH ?").raw().all(word);
    expect(found("harbour")).toEqual([[5]]);
    // From here on the triggers keep what is indexed: an edit, then a deletion.
    sqlite.exec("UPDATE messages SET body = 'new quay' WHERE id = 5");
    expect([found("harbour"), found("quay")]).toEqual([[], [[5]]]);
    sqlite.exec("UPDATE messages SET body = '', deleted_at = 2 WHERE id = 5");
    expect(found("quay")).toEqual([]);
    // New messages wait for the batch (src/store/search-index.ts), which reads them as they are by then.
    sqlite.exec(`
      INSERT INTO messages (id, room_id, user_id, body, seq) VALUES (7, 1, 1, 'fresh tide', 3), (8, 1, 1, 'gone soon', 4);
      UPDATE messages SET body = 'fresh tide, edited' WHERE id = 7;
      UPDATE messages SET body = '', deleted_at = 3 WHERE id = 8;
    `);
    expect(found("tide")).toEqual([]);
    sqlite.exec("UPDATE search_progress SET indexed_through = 8 WHERE id = 1");
    expect([found("tide"), found("edited"), found("gone")]).toEqual([[[7]], [[7]], []]);
    expect(
      sqlite.prepare("INSERT INTO messages_search(messages_search) VALUES ('integrity-check')").run(),
    ).toBeTruthy();
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
