/**
 * `npx bun bench/pg-capacity.ts [--seconds N]`: what PostgreSQL (at POSTGRES_BENCH_URL, default the
 * local one; a database of its own, dropped afterwards) stores, in messages per second, through
 * the statement Parley writes them with (src/store/pg/message-batch.ts), by batch size:
 * - one hot room: batches one after another, as the room's row lock serializes them (however many
 *   instances write to it): that room's limit;
 * - in total: as many connections as cores, each writing to rooms of its own, so rows and commits
 *   go on in parallel: the server's limit. Durable commits (synchronous_commit on) throughout.
 */

import { availableParallelism } from "node:os";
import type { NewMessage } from "../src/store/dialect.ts";
import { insertMessages } from "../src/store/pg/message-batch.ts";
import { messageWriter, type RunBatch } from "../src/store/pg/message-writer.ts";
import { openPostgres } from "../src/store/pg/open.ts";
import { withDatabase } from "./postgres-db.ts";

const args = process.argv.slice(2);
const secondsAt = args.indexOf("--seconds");
const seconds = secondsAt >= 0 ? Number(args[secondsAt + 1]) : 2;
const batchSizes = [1, 10, 50, 200, 1000];
const writers = Math.max(2, availableParallelism());
const people = 32;

/** Writes batches of `size` into `roomId` for the given time; returns how many messages were stored. */
async function writeFor(run: RunBatch, roomId: number, userIds: number[], size: number, until: number) {
  let stored = 0;
  while (performance.now() < until) {
    const batch: NewMessage[] = Array.from({ length: size }, (_, i) => ({
      roomId,
      userId: userIds[i % userIds.length] as number,
      body: `message ${stored + i} of a capacity run, about as long as a chat line`,
      clientKey: `${roomId}-${stored + i}`,
      image: null,
      replyTo: null,
    }));
    stored += (await insertMessages(run, batch)).length;
  }
  return stored;
}

await withDatabase(async (url) => {
  const store = await openPostgres(url);
  const userIds: number[] = [];
  for (let i = 0; i < people; i++) userIds.push((await store.users.create(`writer${i}`, "x"))?.id ?? 0);
  const roomIds: number[] = [];
  for (let i = 0; i < writers; i++) {
    const room = await store.rooms.create({ name: `r${i}`, slug: `r${i}`, topic: "", createdBy: userIds[0] ?? 0 });
    roomIds.push(room?.id ?? 0);
  }
  await store.close();
  // Each writer on a connection of its own, as each instance's message batches go (message-writer.ts).
  const connections = roomIds.map(() => messageWriter(url));
  console.log(`PostgreSQL message writes per second (durable commits, ${seconds} s each, ${writers} writers in total)`);
  console.log("batch size | one hot room | in total");
  let best = { size: 0, room: 0, total: 0 };
  for (const size of batchSizes) {
    let until = performance.now() + seconds * 1000;
    const room =
      (await writeFor((connections[0] as (typeof connections)[0]).run, roomIds[0] ?? 0, userIds, size, until)) /
      seconds;
    until = performance.now() + seconds * 1000;
    const counts = await Promise.all(
      roomIds.map((id, i) => writeFor((connections[i] as (typeof connections)[0]).run, id, userIds, size, until)),
    );
    const total = counts.reduce((a, b) => a + b, 0) / seconds;
    if (total > best.total) best = { size, room, total };
    console.log(
      `${String(size).padStart(10)} | ${Math.round(room).toLocaleString("en").padStart(12)} | ${Math.round(total).toLocaleString("en").padStart(8)}`,
    );
  }
  console.log(
    `best: batches of ${best.size}, ${Math.round(best.total).toLocaleString("en")}/s in total, ${Math.round(best.room).toLocaleString("en")}/s in one room`,
  );
  await Promise.all(connections.map((connection) => connection.close()));
});
