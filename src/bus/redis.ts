import { Redis, type RedisOptions } from "ioredis";
import type { Bus } from "./bus.ts";
import { createEnvelope } from "./envelope.ts";
import type { BusIdentity } from "./identity.ts";
import { createConnectionState } from "./redis-connection-state.ts";
import { createSubscriptions } from "./redis-subscriptions.ts";

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

/** A connection to Redis that fails fast and reconnects quickly, named in CLIENT LIST. */
export const connect = (url: string, name: string) => new Redis(url, { ...connectionOptions, connectionName: name });

/**
 * The bus for several instances: one publishing and one subscribing connection to Redis.
 * Topics are subscribed only while this instance has listeners there. Our own fragments come
 * back through our subscription, so local sockets get each one once.
 *
 * The deployment's namespace is added here, at the edge to Redis, and nowhere else: only Redis
 * is shared with other deployments, so topics stay `room:<id>` in the app and in local fan-out,
 * and a channel is `<namespace>:room:<id>`. Every payload is sealed (./envelope.ts); anything on
 * our channels that this deployment did not seal is dropped, and said once in the log.
 */
export function createRedisBus(url: string, identity: BusIdentity, log: (line: string) => void = console.log): Bus {
  const channel = (topic: string) => `${identity.namespace}:${topic}`;
  const envelope = createEnvelope(identity.key);
  const publisher = connect(url, `${identity.namespace}:publish`);
  const subscriber = connect(url, `${identity.namespace}:subscribe`);
  const state = createConnectionState(new URL(url).host, publisher, () => rooms.listened(), log);
  const rooms = createSubscriptions(subscriber, state, log);
  let foreignSeen = false;

  publisher.on("error", state.failed).on("ready", state.publisherReady).on("close", state.publisherLost);
  subscriber.on("error", state.failed).on("message", (on: string, sealed: string) => {
    const fragment = envelope.open(on, sealed);
    if (fragment !== null) return rooms.deliver(on, fragment);
    if (foreignSeen) return;
    foreignSeen = true;
    log(`bus: dropped a payload on ${on} that this deployment did not sign; any more are dropped without a word`);
  });
  subscriber.on("ready", () => {
    state.subscriberReady();
    void rooms.resubscribe();
  });
  subscriber.on("close", () => {
    rooms.forget();
    state.subscriberLost();
  });

  return {
    async publish(topic, payload) {
      const published = await publisher.publish(channel(topic), envelope.seal(channel(topic), payload)).then(
        () => true,
        (error: Error) => {
          state.failed(error);
          return false;
        },
      );
      state.published(published);
      // Without a live subscription our fragment would not come back to us: hand it over here.
      if (!published || !state.listens()) rooms.deliver(channel(topic), payload);
    },
    subscribe: (topic, handler) => rooms.subscribe(channel(topic), handler),
    status: state.status,
    onStatus: state.onStatus,
    async close() {
      state.close();
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
}
