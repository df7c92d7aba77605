/**
 * `npx bun bench/pg-insert-costs.ts [batch size] [batches]`: the database's own CPU per stored message
 * and per statement (the backend's time from /proc, so the local server only), through Parley's
 * batch statement on its writer connection (prepared, one plan: src/store/pg/message-writer.ts),
 * as the schema stands and changed in a throwaway database each: the search index or the image's
 * foreign key dropped, the room's and author's foreign keys back as they were before migration
 * 0010; and, as the schema stands, sent unprepared as any query of the pool.
 * It tells which part of the insert to make cheaper; nothing here is a setting to use.
 */

import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { insertMessages } from "../src/store/pg/message-batch.ts";
import { messageWriter, onPool } from "../src/store/pg/message-writer.ts";
import { openPostgres } from "../src/store/pg/open.ts";
import { withDatabase } from "./postgres-db.ts";

const size = Number(process.argv[2] ?? 1600),
  reps = Number(process.argv[3] ?? 30);
/** The foreign keys a message had to its room and author before migration 0010, for comparison. */
const ownerKeys = [
  "ALTER TABLE messages ADD CONSTRAINT messages_room_id_rooms_id_fk FOREIGN KEY (room_id) REFERENCES rooms(id) ON DELETE CASCADE",
  "ALTER TABLE messages ADD CONSTRAINT messages_user_id_users_id_fk FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE",
];
const variants: [string, string[]][] = [
  ["baseline", []],
  ["unprepared", []],
  ["room/user FKs (before)", ownerKeys],
  ["no GIN", ["DROP INDEX messages_search_idx"]],
  ["no FK to files", ["ALTER TABLE messages DROP CONSTRAINT messages_image_files_hash_fk"]],
  [
    "no GIN no FK to files",
    ["DROP INDEX messages_search_idx", "ALTER TABLE messages DROP CONSTRAINT messages_image_files_hash_fk"],
  ],
];
for (const [label, ddl] of variants) {
  await withDatabase(async (url) => {
    const store = await openPostgres(url);
    const users: number[] = [];
    for (let u = 0; u < 32; u++) users.push((await store.users.create(`bench${u}`, "x"))?.id ?? 0);
    const roomId =
      (await store.rooms.create({ name: "bench", slug: "bench", topic: "", createdBy: users[0] ?? 0 }))?.id ?? 0;
    await store.close();
    const client = postgres(url, { max: 1, onnotice: () => {} });
    for (const d of ddl) await client.unsafe(d);
    const writer =
      label === "unprepared" ? { run: onPool(drizzle(client)), close: async () => {} } : messageWriter(url);
    const [backend] = (await writer.run(sql`select pg_backend_pid() as pid`)) as { pid: number }[];
    // utime and stime, in clock ticks of 10 ms.
    const ticks = () => {
      const fields = (readFileSync(`/proc/${backend?.pid}/stat`, "utf8").split(") ")[1] ?? "").split(" ");
      return Number(fields[11]) + Number(fields[12]);
    };
    const t0 = ticks(),
      w0 = performance.now();
    for (let k = 0; k < reps; k++) {
      const batch = Array.from({ length: size }, (_, i) => ({
        roomId,
        userId: users[i % 32] ?? 0,
        body: `c${i % 32} ${performance.now()} hello there`,
        clientKey: null,
        image: null,
        replyTo: null,
      }));
      await insertMessages(writer.run, batch);
    }
    const cpu = (((ticks() - t0) * 10) / (reps * size)) * 1000,
      wall = ((performance.now() - w0) / (reps * size)) * 1000;
    console.log(
      `${label.padEnd(24)} PG backend CPU ${cpu.toFixed(1)} µs/msg (${Math.round(cpu * size)} µs/statement), wall ${wall.toFixed(1)} µs/msg`,
    );
    await writer.close();
    await client.end();
  });
}
