import type { Bus } from "./bus.ts";

/** The single-instance bus: delivers in-process, synchronously, in publish order. */
export function createMemoryBus(): Bus {
  const handlers = new Map<string, Set<(payload: string) => void>>();
  let closed = false;
  return {
    shared: false,
    publish(topic, payload) {
      for (const handler of handlers.get(topic) ?? []) handler(payload);
    },
    async subscribe(topic, handler) {
      // Wrapped so the same function subscribed twice is two subscriptions.
      const subscription = (payload: string) => handler(payload);
      const set = handlers.get(topic) ?? new Set();
      set.add(subscription);
      handlers.set(topic, set);
      return async () => {
        set.delete(subscription);
        if (set.size === 0 && handlers.get(topic) === set) handlers.delete(topic);
      };
    },
    status: () => (closed ? "down" : "up"),
    // In-process delivery cannot fail, so there is never a change to report.
    onStatus: () => {},
    async close() {
      closed = true;
      handlers.clear();
    },
  };
}
