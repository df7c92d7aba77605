/**
 * `bun bench/message-path.ts`: the cost of each step of Parley's message path, in isolation
 * (no sockets, no load generator): parse the frame, validate, insert, render, publish.
 * Tells which step dominates before anything is changed for speed.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { messagesFragment } from "../src/rooms/broadcasts.tsx";
import { readFrame } from "../src/rooms/frames/frame-kind.ts";
import { roomFrames } from "../src/rooms/frames/room-frames.ts";
import { checkBody } from "../src/rooms/message-input.ts";
import { openSqlite } from "../src/store/drivers/bun.ts";
import { rootPaths } from "../views/paths.ts";

const count = Number(process.argv[2] ?? 20_000);
const dir = mkdtempSync(join(tmpdir(), "parley-path-"));
const store = await openSqlite(join(dir, "parley.db"));
const user = await store.users.create("bench", "x");
if (!user) throw new Error("no user");
const room = await store.rooms.create({ name: "bench", slug: "bench", topic: "", createdBy: user.id });
if (!room) throw new Error("no room");
const frame = JSON.stringify({ body: "c12 123456.789" });

const timed = async (name: string, step: (i: number) => unknown) => {
  const start = performance.now();
  for (let i = 0; i < count; i++) await step(i);
  const micros = ((performance.now() - start) * 1000) / count;
  console.log(`${name.padEnd(40)} ${micros.toFixed(2).padStart(8)} µs/message`);
};

await timed("parse frame (JSON + field checks)", () => readFrame(frame, roomFrames));
await timed("validate body", () => checkBody("c12 123456.789"));
await timed("insert, awaited one by one", () => store.messages.insert(room.id, user, "c12 123456.789"));
const burst = 100;
const start = performance.now();
for (let i = 0; i < count; i += burst)
  await Promise.all(Array.from({ length: burst }, () => store.messages.insert(room.id, user, "c12 123456.789")));
console.log(
  `${`insert, ${burst} per event-loop turn`.padEnd(40)} ${(((performance.now() - start) * 1000) / count).toFixed(2).padStart(8)} µs/message`,
);
const message = (await store.messages.latest(room.id, 1))[0];
if (!message) throw new Error("no message");
await timed("render fragment", () => messagesFragment(room, [{ ...message, people: new Set<string>() }], rootPaths));

await store.close();
rmSync(dir, { recursive: true, force: true });
