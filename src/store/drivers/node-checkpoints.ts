import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { CheckpointWriter, OffLoopCheckpoints } from "../sync-sqlite.ts";
import { type CheckpointReply, checkpointRounds } from "./checkpoint-rounds.ts";

/**
 * The checkpoint thread's code (as bun-checkpoint-worker.ts, over better-sqlite3): passed as
 * source rather than as a file, so it runs the same from this checkout under tsx, and from
 * the package's compiled JavaScript. The driver comes by the path this module resolves.
 */
const threadCode = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
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
    db = new Database(order.open, { fileMustExist: true });
    db.pragma("busy_timeout = 5000");
    db.pragma("synchronous = NORMAL");
    parentPort.postMessage("opened");
  }
});
`;

/** Checkpoints the WAL of the database at `path` on a Node worker thread; see checkpoint-rounds.ts. */
export function checkpointOffTheLoop(path: string, writer: CheckpointWriter): OffLoopCheckpoints {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
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
