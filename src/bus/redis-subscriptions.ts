import type { Bus } from "./bus.ts";
import type { ConnectionState } from "./redis-connection-state.ts";

/** What the reconciler uses of the subscribing connection (an ioredis client has it). */
export interface SubscriberConnection {
  readonly status: string;
  subscribe(...topics: string[]): Promise<unknown>;
  unsubscribe(...topics: string[]): Promise<unknown>;
}

/**
 * The rooms this instance wants to hear, with their handlers, against what the subscribing
 * connection listens to. Subscribed by hand after each connect: ioredis would not say when
 * it is done.
 */
export interface Subscriptions {
  /** After a (re)connect: listens to every wanted room, then tells the state so. */
  resubscribe(): Promise<void>;
  /** The connection closed, and everything it listened to with it. */
  forget(): void;
  /** How many rooms the connection listens to. */
  listened(): number;
  subscribe: Bus["subscribe"];
  deliver(topic: string, payload: string): void;
}

export function createSubscriptions(
  subscriber: SubscriberConnection,
  state: Pick<ConnectionState, "failed" | "listening" | "status">,
  log: (line: string) => void,
): Subscriptions {
  const wanted = new Map<string, Set<(payload: string) => void>>();
  const subscribed = new Set<string>();
  // Counts connects and losses, so that a resubscription outlived by its connection claims nothing.
  let connection = 0;
  let listening = false;
  const missing = () => [...wanted.keys()].filter((topic) => !subscribed.has(topic));

  return {
    async resubscribe() {
      const round = ++connection;
      try {
        // Rooms joined while we resubscribe are picked up by the next pass.
        for (let topics = missing(); topics.length; topics = missing()) {
          await subscriber.subscribe(...topics);
          for (const topic of topics) subscribed.add(topic);
        }
        if (round === connection) {
          listening = true;
          state.listening(true);
        }
      } catch (error) {
        state.failed(error as Error); // the connection dropped again; its next "ready" retries
      }
    },

    forget() {
      connection++;
      listening = false;
      subscribed.clear();
    },

    listened: () => subscribed.size,

    async subscribe(topic, handler) {
      // Wrapped so the same function subscribed twice is two subscriptions.
      const subscription = (payload: string) => handler(payload);
      const handlers = wanted.get(topic) ?? new Set();
      handlers.add(subscription);
      if (!wanted.has(topic)) {
        wanted.set(topic, handlers);
        if (listening && subscriber.status === "ready") {
          await subscriber.subscribe(topic).then(
            () => subscribed.add(topic),
            // A connection going down resubscribes everything when it is back; anything else is news.
            (error: Error) => state.status() === "up" && log(`bus: cannot listen to ${topic} yet (${error.message})`),
          );
        }
      }
      return async () => {
        handlers.delete(subscription);
        if (handlers.size || wanted.get(topic) !== handlers) return;
        wanted.delete(topic);
        if (subscribed.delete(topic) && subscriber.status === "ready")
          await subscriber.unsubscribe(topic).catch(state.failed);
      };
    },

    deliver(topic, payload) {
      for (const handler of wanted.get(topic) ?? []) handler(payload);
    },
  };
}
