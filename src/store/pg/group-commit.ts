import type { NewMessage, StoredMessage as Stored } from "../dialect.ts";
import { insertMessages, matchToInput, type Returned } from "./message-batch.ts";
import type { RunBatch } from "./message-writer.ts";

/** Queues a message insert; resolves once the statement holding it has committed. */
export type PgGroupCommit = ((message: NewMessage) => Promise<Stored>) & {
  /** Commits what is queued and waits for every batch in flight: a closing store keeps them. */
  flush(): Promise<void>;
};

interface Queued {
  message: NewMessage;
  resolve: (stored: Stored) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit on PostgreSQL: the inserts queued during one event-loop turn go out as one
 * statement at the end of that turn, so a burst costs one round trip and one commit, as the
 * SQLite adapter's transaction per turn does. One batch at a time: what arrives while a batch
 * commits forms the next one, so an instance's messages to a room get ids in arrival order
 * (two batches on two pooled connections could otherwise reach the room's lock in either order).
 * Each caller hears back only after COMMIT. If a batch fails (a room deleted meanwhile, say),
 * its messages are tried one by one, so only the one that cannot be stored fails.
 */
export function createPgGroupCommit(run: RunBatch, committed?: (seconds: number) => void): PgGroupCommit {
  let queue: Queued[] = [];
  let scheduled = false;
  let running: Promise<void> | null = null;

  const commit = async (batch: Queued[]): Promise<void> => {
    const messages = batch.map((queued) => queued.message);
    let rows: Returned[];
    const started = performance.now();
    try {
      rows = await insertMessages(run, messages);
      committed?.((performance.now() - started) / 1000);
    } catch (error) {
      if (batch.length === 1) batch[0]?.reject(error);
      else for (const queued of batch) await commit([queued]);
      return;
    }
    // Committed: a surprise in the answer must not send the batch again.
    let stored: Stored[];
    try {
      stored = matchToInput(messages, rows);
    } catch (error) {
      for (const queued of batch) queued.reject(error);
      return;
    }
    for (const [i, queued] of batch.entries()) queued.resolve(stored[i] ?? null);
  };

  const send = () => {
    scheduled = false;
    if (running || queue.length === 0) return;
    const batch = queue;
    queue = [];
    running = commit(batch).finally(() => {
      running = null;
      send();
    });
  };

  const enqueue = (message: NewMessage) =>
    new Promise<Stored>((resolve, reject) => {
      queue.push({ message, resolve, reject });
      if (scheduled || running) return;
      scheduled = true;
      // After the turn's I/O callbacks: every frame read in this turn joins the same statement.
      setImmediate(send);
    });

  const flush = async () => {
    while (running || queue.length > 0) {
      send();
      await running;
    }
  };
  return Object.assign(enqueue, { flush });
}
