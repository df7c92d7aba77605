import { createConditions } from "./conditions.ts";
import type { ConnectionState } from "./redis-connection-state.ts";

/** What the reconciler uses of the subscribing connection (an ioredis client has it). */
export interface SubscriberConnection {
  subscribe(...channels: string[]): Promise<unknown>;
  unsubscribe(...channels: string[]): Promise<unknown>;
  /**
   * What it still listens to when it is ready again: on a cluster, the nodes that were not lost
   * keep their rooms. Unset: nothing (one connection that closed lost every room).
   */
  held?(): Iterable<string>;
}

/**
 * The channels this instance wants to hear (with their handlers) against those the subscribing
 * connection listens to. One loop brings the second in line with the first, a command at a time,
 * after a connect, a subscribe, a leave, or a failed command (again after `retryAfter` ms).
 */
export function createSubscriptions(
  subscriber: SubscriberConnection,
  state: Pick<ConnectionState, "failed" | "listening" | "answers">,
  log: (line: string) => void,
  retryAfter = 1000,
) {
  const wanted = new Map<string, Set<(payload: string) => void>>();
  const listened = new Set<string>();
  // A command that failed (a timeout, say) may still have been done: ask again either way.
  const unsure = new Set<string>();
  const conditions = createConditions();
  let live = false; // from the connection's "ready" to its "close"
  let connection = 0; // counts connects and losses: a reply that outlived its connection claims nothing
  let failures = 0;
  let failing = false; // since everything was last in line: log one failure, not each retry
  let running = false;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const listens = (channel: string) => listened.has(channel) && !unsure.has(channel);
  /** Resolves once `done` holds, or nothing more can happen now: not connected, no answers, a failure. */
  const until = (done: () => boolean) => {
    const failed = failures;
    return conditions.until(() => done() || !live || !state.answers() || failures !== failed);
  };

  const failed = (error: Error, channels: string[], subscribing: boolean) => {
    failures++;
    for (const channel of channels) unsure.add(channel);
    if (!failing) log(`bus: cannot ${subscribing ? "listen to" : "leave"} a room (${error.message}); trying again`);
    failing = true;
    state.failed(error);
    if (subscribing) state.listening(false); // that room misses fragments: resync once it listens
    clearTimeout(retry);
    retry = setTimeout(() => void reconcile(), retryAfter);
  };

  const disconnected = () => {
    connection++;
    live = false;
    listened.clear();
    unsure.clear();
    clearTimeout(retry); // the next connect reconciles anyway
    conditions.check(); // whoever waits is let go
  };

  const reconcile = async () => {
    if (running) return; // the running loop sees every change before it stops
    running = true;
    while (live) {
      const add = [...wanted.keys()].filter((channel) => !listens(channel));
      const drop = [...listened, ...unsure].filter((channel) => !wanted.has(channel));
      if (!add.length && !drop.length) {
        failing = false;
        state.listening(true);
        break;
      }
      const [subscribing, channels] = add.length ? [true, add] : [false, [...new Set(drop)]];
      const round = connection;
      try {
        await (subscribing ? subscriber.subscribe(...channels) : subscriber.unsubscribe(...channels));
      } catch (error) {
        if (round !== connection) continue; // lost meanwhile: go on if it is back
        failed(error as Error, channels, subscribing);
        break;
      }
      if (round !== connection) continue;
      for (const channel of channels) {
        unsure.delete(channel);
        if (subscribing) listened.add(channel);
        else listened.delete(channel);
      }
      conditions.check();
    }
    running = false;
    conditions.check();
  };

  return {
    /** The connection is ready: listen to every wanted channel, and tell the state once all do. */
    connected() {
      connection++;
      live = true;
      // Already listened to: not asked again, and left (as any other) if no longer wanted.
      for (const channel of subscriber.held?.() ?? []) listened.add(channel);
      void reconcile();
    },
    /** The connection closed, and everything it listened to with it. */
    disconnected,
    listened: (): number => listened.size,
    async subscribe(channel: string, handler: (payload: string) => void): Promise<() => Promise<void>> {
      // Wrapped so the same function subscribed twice is two subscriptions.
      const subscription = (payload: string) => handler(payload);
      const handlers = wanted.get(channel) ?? new Set();
      wanted.set(channel, handlers.add(subscription));
      void reconcile();
      await until(() => listens(channel));
      return async () => {
        handlers.delete(subscription);
        if (handlers.size || wanted.get(channel) !== handlers) return;
        wanted.delete(channel);
        void reconcile();
        await until(() => !listened.has(channel) || wanted.has(channel));
      };
    },
    deliver(channel: string, payload: string) {
      for (const handler of wanted.get(channel) ?? []) handler(payload);
    },
    /** Stops trying, for good: the bus is closing its connections. */
    close: disconnected,
  };
}

export type Subscriptions = ReturnType<typeof createSubscriptions>;
