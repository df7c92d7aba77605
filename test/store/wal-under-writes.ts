/**
 * Run by checkpoints.test.ts, under Bun and under Node (with
 * `node` as second argument): a store opened by that runtime's driver, written to turn
 * after turn, as a busy room writes, until half again the writer's backstop is written. Prints, as
 * JSON, how much was written and the largest the log file grew.
 */
import { statSync } from "node:fs";
import { join } from "node:path";

const driver = process.argv[3] === "node" ? "../../src/store/drivers/node.ts" : "../../src/store/drivers/bun.ts";
const { openSqlite } = (await import(driver)) as typeof import("../../src/store/drivers/node.ts");
const path = join(process.argv[2] as string, "parley.db");
const store = await openSqlite(path);
const user = await store.users.create("writer", "x");
const room = await store.rooms.create({ name: "busy", slug: "busy", topic: "", createdBy: user?.id as number });
if (!user || !room) throw new Error("could not set up the writer's room");

// About a page per message: writes reach the log faster than the default's 1,000 pages a second.
const body = "w".repeat(3000);
const walBytes = () => statSync(`${path}-wal`).size;
/** Half again what the writer's own backstop lets the log reach (see sync-sqlite.ts). */
const toWrite = 96 * 2 ** 20;
let messages = 0;
let largestLog = 0;
const giveUpAt = performance.now() + 20_000;
while (messages * body.length < toWrite && performance.now() < giveUpAt) {
  // A turn's messages share a commit (group commit), as a busy instance's do.
  await Promise.all(Array.from({ length: 8 }, () => store.messages.insert(room.id, user, body)));
  messages += 8;
  largestLog = Math.max(largestLog, walBytes());
  // The next frames arrive from the network: the event loop goes round in between.
  await new Promise((resolve) => setTimeout(resolve, 0));
}
await store.close();
console.log(JSON.stringify({ messages, written: messages * body.length, largestLog }));
