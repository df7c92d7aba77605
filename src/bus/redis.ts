import { Redis, type RedisOptions } from "ioredis";
import type { Bus, BusStatus } from "./bus.ts";

const connectionOptions: RedisOptions = {
  // Back off quickly to 2 s: clients should see a recovered Redis within seconds.
  retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 2000),
  // Nothing waits for a connection: a fragment that cannot go now is missed, and resync covers
  // it. Queued commands would pile up unbounded during an outage and arrive stale afterwards.
  enableOfflineQueue: false,
  autoResendUnfulfilledCommands: false,
  maxRetriesPerRequest: 0,
  commandTimeout: 2000,
  // Resubscribed by hand, so "up" is reported only once every room listens again.
  autoResubscribe: false,
};

/**
 * The bus for several instances: one publishing and one subscribing connection to Redis.
 * Topics are subscribed only while this instance has listeners there. Our own fragments come
 * back through our subscription, so local sockets get each one once.
 */
export function createRedisBus(url: string, log: (line: string) => void = console.log): Bus {
  const publisher = new Redis(url, { ...connectionOptions, connectionName: "parley:publish" });
  const subscriber = new Redis(url, { ...connectionOptions, connectionName: "parley:subscribe" });
  const where = new URL(url).host;
  const topics = new Map<string, Set<(payload: string) => void>>();
  const subscribed = new Set<string>();
  const listeners = new Set<(status: BusStatus) => void>();
  let listening = false;
  let connection = 0;
  // "starting" so that a Redis unreachable from the start is logged too.
  let current: BusStatus | "starting" = "starting";
  let lastError = "not connected yet";
  let publishFailing = false;
  let closing = false;
  let lostOnce = false;

  const update = () => {
    const next: BusStatus = listening && publisher.status === "ready" ? "up" : "down";
    // While starting, one connection may be ready before the other: not an outage yet.
    if (next === current || closing || (current === "starting" && next === "down" && !lostOnce)) return;
    current = next;
    if (next === "up") log(`bus: redis at ${where} is up, listening to ${subscribed.size} room(s)`);
    else
      log(
        `bus: redis at ${where} is down (${lastError}); messages are still stored and reach this instance's ` +
          "sockets; other instances' messages arrive when it returns",
      );
    for (const listener of listeners) listener(next);
  };

  const deliver = (topic: string, payload: string) => {
    for (const handler of topics.get(topic) ?? []) handler(payload);
  };

  const noteError = (error: Error) => {
    lastError = error.message || error.name;
  };
  // A crashed Redis just closes the socket: say so unless an error tells more.
  const connected = () => {
    lastError = "connection lost";
  };
  const lost = () => {
    lostOnce = true;
    update();
  };
  publisher.on("error", noteError).on("ready", connected).on("ready", update).on("close", lost);
  subscriber.on("error", noteError).on("message", deliver);
  subscriber.on("close", () => {
    connection++;
    listening = false;
    subscribed.clear();
    lost();
  });
  subscriber.on("ready", async () => {
    connected();
    const round = ++connection;
    try {
      // Rooms joined while we resubscribe are picked up by the next round.
      for (let missing = unsubscribed(); missing.length; missing = unsubscribed()) {
        await subscriber.subscribe(...missing);
        for (const topic of missing) subscribed.add(topic);
      }
      if (round !== connection) return;
      listening = true;
      update();
    } catch (error) {
      noteError(error as Error); // the connection dropped again; its next "ready" retries
    }
  });
  const unsubscribed = () => [...topics.keys()].filter((topic) => !subscribed.has(topic));

  return {
    async publish(topic, payload) {
      const published = await publisher.publish(topic, payload).then(
        () => true,
        (error: Error) => {
          noteError(error);
          return false;
        },
      );
      if (!published !== publishFailing) {
        publishFailing = !published;
        log(published ? "bus: publishing to redis again" : `bus: cannot publish to redis (${lastError})`);
      }
      // Without a live subscription our fragment would not come back to us: hand it over here.
      if (!published || !listening) deliver(topic, payload);
    },

    async subscribe(topic, handler) {
      // Wrapped so the same function subscribed twice is two subscriptions.
      const subscription = (payload: string) => handler(payload);
      const handlers = topics.get(topic) ?? new Set();
      handlers.add(subscription);
      if (!topics.has(topic)) {
        topics.set(topic, handlers);
        if (listening && subscriber.status === "ready") {
          await subscriber.subscribe(topic).then(
            () => subscribed.add(topic),
            // A connection going down resubscribes everything when it is back; anything else is news.
            (error: Error) => current === "up" && log(`bus: cannot listen to ${topic} yet (${error.message})`),
          );
        }
      }
      return async () => {
        handlers.delete(subscription);
        if (handlers.size || topics.get(topic) !== handlers) return;
        topics.delete(topic);
        if (subscribed.delete(topic) && subscriber.status === "ready")
          await subscriber.unsubscribe(topic).catch(noteError);
      };
    },

    status: () => (current === "up" ? "up" : "down"),
    onStatus: (listener) => void listeners.add(listener),

    async close() {
      closing = true;
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
}
