import { Redis, type RedisOptions } from "ioredis";
import type { Bus } from "./bus.ts";
import { createEnvelope } from "./envelope.ts";
import type { BusIdentity } from "./identity.ts";
import { createConnectionState } from "./redis-connection-state.ts";
import { startHeartbeat } from "./redis-heartbeat.ts";
import { createSubscriptions } from "./redis-subscriptions.ts";

const connectionOptions: RedisOptions = {
  // Back off quickly to 2 s: clients should see a recovered Redis within seconds.
  retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 2000),
  // Nothing waits for a connection: a fragment that cannot go now is missed, and resync covers
  // it. Queued commands would pile up unbounded during an outage and arrive stale afterwards.
  enableOfflineQueue: false,
  autoResendUnfulfilledCommands: false,
  maxRetriesPerRequest: 0,
  // Publishes time out too, though nobody waits for them: a hang is then logged as a failure.
  commandTimeout: 2000,
  // Resubscribed by hand, so "up" is reported only once every room listens again.
  autoResubscribe: false,
};

/** A connection to Redis that fails fast and reconnects quickly, named in CLIENT LIST. */
export const connect = (url: string, name: string, overrides: RedisOptions = {}) =>
  new Redis(url, { ...connectionOptions, connectionName: name, ...overrides });

/** Closes a connection at once, even to a Redis that does not answer; resolves once it is closed. */
const end = (connection: Redis) =>
  new Promise<void>((resolve) => {
    if (connection.status === "end") return resolve();
    connection.once("end", () => resolve());
    connection.disconnect();
    // A hung Redis never answers a polite close; between reconnection attempts nothing is open.
    connection.stream?.destroy();
    if (connection.status === "reconnecting") resolve();
  });

/**
 * The bus for several instances: one publishing and one subscribing connection to Redis.
 * Topics are subscribed only while this instance has listeners there. A fragment published
 * here is handed to local listeners at once and sent to Redis without waiting; when Redis
 * echoes it back, the echo is skipped, so local sockets get each fragment once.
 *
 * The deployment's namespace is added here, at the edge to Redis, and nowhere else: only Redis
 * is shared with other deployments, so topics stay `room:<id>` in the app and in local fan-out,
 * and a channel is `<namespace>:room:<id>`. Every payload is sealed (./envelope.ts); anything on
 * our channels that this deployment did not seal is dropped, and said once in the log.
 *
 * Inside the seal, each payload starts with its send time (`<ms since 1970, base 36>.`), so
 * the receiver can tell how long the hop took (`lag`): sealed, so nobody can fake it, and a few
 * bytes, once per fragment per instance. The hosts' clocks must agree for it to mean much.
 */
export function createRedisBus(
  url: string,
  identity: BusIdentity,
  log: (line: string) => void = console.log,
  { lag }: { lag?: (seconds: number) => void } = {},
): Bus {
  const channel = (topic: string) => `${identity.namespace}:${topic}`;
  const envelope = createEnvelope(identity.key);
  const publisher = connect(url, `${identity.namespace}:publish`);
  const subscriber = connect(url, `${identity.namespace}:subscribe`);
  const state = createConnectionState(new URL(url).host, publisher, () => rooms.listened(), log);
  const rooms = createSubscriptions(subscriber, state, log);
  const stopHeartbeat = startHeartbeat(publisher, state);
  let foreignSeen = false;

  publisher.on("error", state.failed).on("ready", state.publisherReady).on("close", state.publisherLost);
  subscriber.on("error", state.failed).on("message", (on: string, sealed: string) => {
    if (envelope.fromHere(sealed)) return; // delivered here when it was published
    const opened = envelope.open(on, sealed);
    if (opened !== null) {
      const dot = opened.indexOf(".");
      lag?.((Date.now() - Number.parseInt(opened.slice(0, dot), 36)) / 1000);
      return rooms.deliver(on, opened.slice(dot + 1));
    }
    if (foreignSeen) return;
    foreignSeen = true;
    log(`bus: dropped a payload on ${on} that this deployment did not sign; any more are dropped without a word`);
  });
  subscriber.on("ready", () => {
    state.subscriberReady();
    rooms.connected();
  });
  subscriber.on("close", () => {
    rooms.disconnected();
    state.subscriberLost();
  });

  return {
    shared: true,
    publish(topic, payload) {
      const to = channel(topic);
      rooms.deliver(to, payload);
      // A Redis that does not answer would only pile commands up in memory; resync covers the gap.
      if (!state.answers()) return state.published(false);
      const sentAt = new Date();
      publisher.publish(to, envelope.seal(to, `${sentAt.getTime().toString(36)}.${payload}`)).then(
        () => {
          state.confirmed(sentAt);
          state.published(true);
        },
        (error: Error) => {
          state.failed(error);
          state.published(false);
        },
      );
    },
    subscribe: (topic, handler) => rooms.subscribe(channel(topic), handler),
    status: state.status,
    onStatus: state.onStatus,
    async close() {
      state.close();
      stopHeartbeat();
      rooms.close();
      await Promise.all([end(publisher), end(subscriber)]);
    },
  };
}
