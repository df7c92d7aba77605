import type { ConnectionState } from "./redis-connection-state.ts";

/** What the heartbeat uses of the publishing connection (an ioredis client has it). */
export interface Pingable {
  readonly status: string;
  ping(): Promise<unknown>;
}

/**
 * Sends Redis a PING every `every` ms. A Redis that hangs (a slow command, a stopped process, a
 * machine swapping) keeps its connections open, so only a missing answer shows it: after
 * `within` ms without a PONG the bus is down, and up again at the next PONG. Replies come in
 * order, so each PONG also confirms that Redis has everything sent before its PING. On a
 * cluster the PING goes to every master, and the beat fails unless each answers.
 * Returns the function that stops it.
 */
export function startHeartbeat(
  connection: Pingable,
  state: Pick<ConnectionState, "answering" | "confirmed" | "failed">,
  { every = 1000, within = 1000 } = {},
): () => void {
  let waiting = false;
  const beat = () => {
    // A lost connection is reported by its own events; one PING at a time is enough.
    if (waiting || connection.status !== "ready") return;
    waiting = true;
    const sentAt = new Date();
    const late = setTimeout(() => {
      state.failed(new Error(`no answer to PING within ${within} ms`));
      state.answering(false);
    }, within);
    connection
      .ping()
      .then(
        () => {
          state.confirmed(sentAt);
          state.answering(true);
        },
        (error: Error) => {
          // The connection closed (its events speak), or, still open, a node of a cluster did not
          // answer (its own connection lost, or the command timed out): silence, as above.
          if (connection.status !== "ready") return;
          state.failed(error);
          state.answering(false);
        },
      )
      .finally(() => {
        clearTimeout(late);
        waiting = false;
      });
  };
  const timer = setInterval(beat, every);
  return () => clearInterval(timer);
}
