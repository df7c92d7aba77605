import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { CheckpointWriter, OffLoopCheckpoints } from "../sync-sqlite.ts";
import { type CheckpointReply, checkpointRounds } from "./checkpoint-rounds.ts";

/**
 * The checkpoint thread's code (as bun-checkpoint-worker.ts): passed as source rather than as a
 * file, so it runs the same from this checkout under tsx, and from the package's compiled
 * JavaScript. better-sqlite3 comes by the path this module resolves; node:sqlite is built in.
 */
const threadCode = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = workerData.driver === "node:sqlite" ? require("node:sqlite").DatabaseSync : require(workerData.driver);
let db = null;
parentPort.on("message", (order) => {
  if (order === "checkpoint") {
    const done = db && db.prepare("PRAGMA wal_checkpoint(PASSIVE)").get();
    parentPort.postMessage({ log: done ? done.log : 0, checkpointed: done ? done.checkpointed : 0 });
  } else if (order === "stop") {
    if (db) db.close();
    db = null;
    parentPort.postMessage("stopped");
  } else {
    db = new Database(order.open);
    db.exec("PRAGMA busy_timeout = 5000");
    db.exec("PRAGMA synchronous = NORMAL");
    parentPort.postMessage("opened");
  }
});
`;

/**
 * Checkpoints the WAL of the database at `path` on a worker thread (node:worker_threads, which
 * Node and Deno both have), through better-sqlite3 (Node) or node:sqlite (Deno); see checkpoint-rounds.ts.
 */
export function checkpointOnWorkerThread(
  path: string,
  writer: CheckpointWriter,
  sqlite: "better-sqlite3" | "node:sqlite",
): OffLoopCheckpoints {
  const driver = sqlite === "node:sqlite" ? sqlite : createRequire(import.meta.url).resolve(sqlite);
  // Small heap: it holds one connection. No loader flags (tsx): the code above is plain JavaScript.
  const worker = new Worker(threadCode, {
    eval: true,
    workerData: { driver },
    execArgv: [],
    resourceLimits: { maxOldGenerationSizeMb: 16 },
  });
  // A stopping process must not wait for it.
  worker.unref();
  return checkpointRounds(
    path,
    {
      post: (order) => worker.postMessage(order),
      onReply: (listener) => worker.on("message", (reply: CheckpointReply) => listener(reply)),
      onError: (listener) => worker.on("error", listener),
      terminate: () => void worker.terminate(),
    },
    writer,
  );
}
