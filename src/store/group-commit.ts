/** Runs `work` inside one transaction (BEGIN … COMMIT), synchronously; throws if the commit fails. */
export type Transact = (work: () => void) => void;

/**
 * Queues a synchronous write; resolves with its result once the transaction holding it has
 * committed. `flush` commits the queue now: a closing store must not drop writes already asked for.
 * Each write is told its transaction's number, so work that holds for a whole transaction (what
 * other connections committed before it) is done once per transaction, not once per write.
 */
export type GroupCommit = (<T>(write: (transaction: number) => T) => Promise<T>) & {
  flush(): void;
  /** Holds commits back (writes wait in the queue) until the function returned is called. */
  hold(): () => void;
};

interface Queued {
  write: (transaction: number) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: every write queued during one event-loop turn runs in a single transaction at
 * the end of that turn, so a burst of messages costs one commit (one WAL append) instead of one
 * each. Writes run in queue order, so ids follow arrival order. Each caller hears back only
 * after COMMIT: nothing is broadcast that a crash could take back. A write that throws fails
 * alone (SQLite undoes just that statement); if the commit itself fails, every write in it fails.
 */
export function createGroupCommit(
  transact: Transact,
  committed?: (seconds: number) => void,
  /**
   * Whether the transaction is still open. SQLite rolls the whole transaction back by itself on
   * some failures (a full disk, an I/O error): a write run after that would commit on its own,
   * outside it, while its caller is told the batch failed. So no write runs after such a
   * rollback; the COMMIT then finds no transaction, and every write of the batch fails as
   * storage unavailable.
   */
  inTransaction: () => boolean = () => true,
): GroupCommit {
  let queue: Queued[] | null = null;
  let held = false;
  let transactions = 0;

  const flush = () => {
    if (held) return;
    const batch = queue ?? [];
    queue = null;
    if (batch.length === 0) return;
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    const started = performance.now();
    const transaction = ++transactions;
    try {
      transact(() => {
        for (const { write } of batch) {
          try {
            outcomes.push({ ok: true, value: write(transaction) });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
          if (!inTransaction()) break;
        }
      });
    } catch (error) {
      for (const queued of batch) queued.reject(error);
      return;
    }
    committed?.((performance.now() - started) / 1000);
    batch.forEach((queued, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) queued.resolve(outcome.value);
      else queued.reject(outcome ? outcome.error : new Error("the transaction ended before this write ran"));
    });
  };

  const enqueue = <T>(write: (transaction: number) => T) =>
    new Promise<T>((resolve, reject) => {
      if (!queue) {
        queue = [];
        // After the turn's I/O callbacks: every frame read in this turn joins the same transaction.
        setImmediate(flush);
      }
      queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
    });
  const hold = () => {
    held = true;
    return () => {
      if (!held) return;
      held = false;
      if (queue) setImmediate(flush);
    };
  };
  // Closing commits what is queued, held or not.
  const flushNow = () => {
    held = false;
    flush();
  };
  return Object.assign(enqueue, { flush: flushNow, hold });
}
