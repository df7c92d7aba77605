/**
 * How often one socket's read marks reach the store. Each `read` frame is a write (the mark, then
 * the read state for the person's other pages), and a page can send them as fast as it likes: a
 * script on one socket could keep the writer busy for everyone. So a socket writes its first mark
 * at once, then at most one per `everyMs`; marks in between wait, and only the newest is written.
 */
export function paceReadMarks({
  everyMs = 1000,
  now = Date.now,
  later = (run: () => void, ms: number): unknown => setTimeout(run, ms),
  log = (line: string) => console.error(line),
}: {
  everyMs?: number;
  now?: () => number;
  later?: (run: () => void, ms: number) => unknown;
  log?: (line: string) => void;
} = {}) {
  /** Per socket (held weakly: a closed socket's entry goes with it): its last write, and the mark waiting. */
  const sockets = new WeakMap<object, { wroteAt: number; waiting: number | null }>();

  const write = (id: number, mark: (id: number) => Promise<void>) =>
    mark(id).catch((error: unknown) => log(`read mark ${id} not written: ${error}`));

  return {
    /**
     * The socket read up to `id`: `mark` writes it now, or once the socket's second is over (with
     * the newest id by then). Resolves once a write made now is done; a waiting one resolves at once.
     */
    take(socket: object, id: number, mark: (id: number) => Promise<void>): Promise<void> {
      const pace = sockets.get(socket);
      const at = now();
      if (!pace || at - pace.wroteAt >= everyMs) {
        sockets.set(socket, { wroteAt: at, waiting: null });
        return write(id, mark);
      }
      if (pace.waiting !== null) {
        pace.waiting = Math.max(pace.waiting, id);
        return Promise.resolve();
      }
      pace.waiting = id;
      later(
        () => {
          const newest = pace.waiting ?? id;
          pace.waiting = null;
          pace.wroteAt = now();
          void write(newest, mark);
        },
        pace.wroteAt + everyMs - at,
      );
      return Promise.resolve();
    },
  };
}

/** The pace every room socket keeps: one read mark a second. */
export const readMarks = paceReadMarks();
