/**
 * `bun bench/store-inserts.ts [postgres://server/maintenance-db]`: message inserts per second
 * through the store, one awaited at a time and in bursts of 50 (what group commit batches),
 * on SQLite (a new file) and on PostgreSQL (a new database, dropped afterwards).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { openSqlite } from "../src/store/drivers/bun.ts";
import { openPostgres } from "../src/store/pg/open.ts";
import type { Store } from "../src/store/store.ts";

const server = process.argv[2] ?? "postgres://postgres@127.0.0.1:5432/postgres";
const single = 1_000;
const bursts = { count: 200, size: 50 };

async function measure(label: string, store: Store) {
  const user = await store.users.create("bench", "x");
  const room = user && (await store.rooms.create({ name: "bench", slug: "bench", topic: "", createdBy: user.id }));
  if (!user || !room) throw new Error("setup failed");
  let start = performance.now();
  for (let i = 0; i < single; i++) await store.messages.insert(room.id, user, `one ${i}`);
  const oneByOne = single / ((performance.now() - start) / 1000);
  start = performance.now();
  for (let b = 0; b < bursts.count; b++)
    await Promise.all(
      Array.from({ length: bursts.size }, (_, i) => store.messages.insert(room.id, user, `burst ${b}.${i}`)),
    );
  const burst = (bursts.count * bursts.size) / ((performance.now() - start) / 1000);
  console.log(
    `${label.padEnd(12)} one at a time ${Math.round(oneByOne)}/s, bursts of ${bursts.size} ${Math.round(burst)}/s`,
  );
  await store.close();
}

const folder = mkdtempSync(join(tmpdir(), "parley-inserts-"));
await measure("SQLite", await openSqlite(join(folder, "parley.db")));
rmSync(folder, { recursive: true, force: true });

const admin = postgres(server, { max: 1, onnotice: () => {} });
const name = `parley_bench_${Date.now()}`;
await admin.unsafe(`CREATE DATABASE ${name}`);
try {
  const url = new URL(server);
  url.pathname = `/${name}`;
  await measure("PostgreSQL", await openPostgres(url.href));
} finally {
  await admin.unsafe(`DROP DATABASE ${name} WITH (FORCE)`);
  await admin.end();
}
