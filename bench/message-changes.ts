/**
 * `bun bench/message-changes.ts [count] [readers]`: what an edit, a reaction and a deletion cost
 * next to a new message, through the same chat (store on a bun:sqlite file, render, publish to
 * `readers` sockets of one room), one after another and in bursts of one event-loop turn.
 * Prints µs per operation and the ratio to a new message measured in the same run: the figure to
 * watch is the ratio (a change is a find, a numbered write and a re-read, where a post is one
 * group-committed insert).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WSContext } from "hono/ws";
import { scryptPasswords } from "../src/accounts/passwords.ts";
import { createChat } from "../src/app.tsx";
import { createMemoryBus } from "../src/bus/memory.ts";
import { loadConfig } from "../src/config.ts";
import { roomTopic } from "../src/delivery/topics.ts";
import { diskFolder } from "../src/files/disk-folder.ts";
import { createMemoryLimiter } from "../src/limits/memory-limiter.ts";
import { createMemoryPresence } from "../src/live/presence-store.ts";
import { deleteMessage, editMessage, reactTo } from "../src/rooms/message-changes.ts";
import { post } from "../src/rooms/messages.ts";
import { serveStatic } from "../src/runtime/disk-static.ts";
import { createSocketSetFanout } from "../src/runtime/socket-set-fanout.ts";
import { openSqlite } from "../src/store/drivers/bun.ts";

const count = Number(process.argv[2] ?? 5_000);
const readers = Number(process.argv[3] ?? 32);
const dir = mkdtempSync(join(tmpdir(), "parley-changes-"));
const store = await openSqlite(join(dir, "parley.db"));
const { chat, stop } = createChat({
  config: loadConfig({ RATE_LIMIT: "off" }),
  store,
  files: diskFolder(join(dir, "files")),
  bus: createMemoryBus(),
  fanout: createSocketSetFanout(),
  presence: createMemoryPresence(),
  limiter: createMemoryLimiter(),
  passwords: scryptPasswords,
  upgradeWebSocket: (() => () => new Response()) as never,
  serveStatic,
  remoteAddress: () => "127.0.0.1",
  version: "bench",
  startedAt: new Date(),
  now: () => new Date(),
});
const user = await store.users.create("bench", "x");
if (!user) throw new Error("no user");
const room = await store.rooms.create({ name: "bench", slug: "bench", topic: "", createdBy: user.id });
if (!room) throw new Error("no room");
await store.rooms.join(room.id, user.id);
const changer = { person: user, standing: await store.rooms.standing(room.id, user.id) };

let delivered = 0;
for (let i = 0; i < readers; i++) {
  const ws = new WSContext({ send: () => void delivered++, close: () => {}, readyState: 1, raw: { i } });
  await chat.channels.join(ws, roomTopic(room));
}

const body = "c12 123456.789";
const ids: number[] = [];
const newMessage = async () => {
  const result = await post(chat, room, user, { body, key: null });
  if (!result.ok) throw new Error(result.error);
  ids.push(result.message.id);
};

/** Runs `step` `count` times, `burst` at once per turn; µs per operation and deliveries per operation. */
const timed = async (step: (i: number) => Promise<unknown>, burst: number) => {
  delivered = 0;
  const start = performance.now();
  for (let i = 0; i < count; i += burst) {
    await Promise.all(Array.from({ length: Math.min(burst, count - i) }, (_, k) => step(i + k)));
  }
  // Fan-out waits for the end of the turn: let it go before counting.
  await new Promise((resolve) => setTimeout(resolve, 0));
  return { micros: ((performance.now() - start) * 1000) / count, deliveries: delivered / count };
};

const kinds: [string, (i: number) => Promise<unknown>][] = [
  ["new message", newMessage],
  ["edit", (i) => editMessage(chat, room, changer, ids[i] as number, `${body} edited ${i}`)],
  ["reaction (on)", (i) => reactTo(chat, room, changer, ids[i] as number, "👍", true)],
  ["reaction (off)", (i) => reactTo(chat, room, changer, ids[i] as number, "👍", false)],
  ["delete", (i) => deleteMessage(chat, room, changer, ids[i] as number)],
];

console.log(`${count} operations of each kind, ${readers} readers in the room, bun:sqlite on a file`);
for (const burst of [1, 50]) {
  ids.length = 0;
  const results: [string, { micros: number; deliveries: number }][] = [];
  for (const [name, step] of kinds) results.push([name, await timed(step, burst)]);
  const base = results[0]?.[1].micros ?? 1;
  console.log(`\n${burst === 1 ? "one at a time" : `bursts of ${burst} per event-loop turn`}`);
  for (const [name, { micros, deliveries }] of results) {
    console.log(
      `${name.padEnd(16)} ${micros.toFixed(1).padStart(8)} µs/op  ${(micros / base).toFixed(2).padStart(5)}× a new message  ${deliveries.toFixed(0)} deliveries/op`,
    );
  }
}

stop();
await store.close();
rmSync(dir, { recursive: true, force: true });
