/**
 * The thread that checkpoints a Bun instance's WAL (see bun-checkpoints.ts): it copies the log
 * into the database file and waits for the disk, beside the event loop, on a connection of its
 * own. PASSIVE: it never waits for the writer, nor the writer for it.
 */
import { Database } from "bun:sqlite";
import type { CheckpointDone, CheckpointOrder } from "./checkpoint-rounds.ts";

declare const self: Worker;

let db: Database | null = null;

self.onmessage = (event: MessageEvent<CheckpointOrder>) => {
  const order = event.data;
  if (order === "checkpoint") {
    const done = db?.query("PRAGMA wal_checkpoint(PASSIVE)").get() as CheckpointDone | undefined;
    self.postMessage({ log: done?.log ?? 0, checkpointed: done?.checkpointed ?? 0 } satisfies CheckpointDone);
  } else if (order === "stop") {
    db?.close();
    db = null;
    self.postMessage("stopped");
  } else {
    db = new Database(order.open);
    db.exec("PRAGMA busy_timeout = 5000");
    // As the writer's: a checkpoint waits for the disk before the log may start afresh.
    db.exec("PRAGMA synchronous = NORMAL");
    self.postMessage("opened");
  }
};
