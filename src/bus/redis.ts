import type { Cluster, Redis } from "ioredis";
import type { Bus } from "./bus.ts";
import { createEnvelope } from "./envelope.ts";
import type { BusIdentity } from "./identity.ts";
import { connect, connectCluster, end, type RedisTarget, whereIs } from "./redis-connection.ts";
import { createConnectionState } from "./redis-connection-state.ts";
import { type Pingable, startHeartbeat } from "./redis-heartbeat.ts";
import { createSubscriptions, type SubscriberConnection } from "./redis-subscriptions.ts";
import { readSendTime, withSendTime } from "./send-time.ts";
import { createShardedSubscriber, pingMasters } from "./sharded-subscriber.ts";

export { connect } from "./redis-connection.ts";

/**
 * The two sides of the bus on one Redis (PUBLISH, SUBSCRIBE) or on a cluster (SPUBLISH and
 * SSUBSCRIBE: sharded pub/sub, so a room's fragments cross only the node that owns its channel's
 * slot, where plain PUBLISH would copy each to every node of the cluster).
 */
function sides(
  target: RedisTarget,
  namespace: string,
): {
  publisher: Redis | Cluster;
  heartbeat: Pingable;
  publish: (channel: string, payload: string) => Promise<unknown>;
  subscriber: SubscriberConnection & { on(event: string, listener: (...args: never[]) => void): unknown };
  close: () => Promise<unknown>;
} {
  if (typeof target === "string") {
    const publisher: Redis = connect(target, `${namespace}:publish`);
    const subscriber = connect(target, `${namespace}:subscribe`);
    return {
      publisher,
      heartbeat: publisher,
      publish: (channel: string, payload: string) => publisher.publish(channel, payload),
      subscriber,
      close: () => Promise.all([end(publisher), end(subscriber)]),
    };
  }
  const publisher: Cluster = connectCluster(target.cluster, `${namespace}:publish`);
  const subscriber = createShardedSubscriber(publisher, `${namespace}:subscribe`);
  return {
    publisher,
    heartbeat: pingMasters(publisher),
    publish: (channel: string, payload: string) => publisher.spublish(channel, payload),
    subscriber,
    close: async () => {
      await subscriber.close();
      await end(publisher);
    },
  };
}

/**
 * The bus for several instances: one publishing and one subscribing connection to Redis (on a
 * cluster, one subscribing connection per master: ./sharded-subscriber.ts).
 * Topics are subscribed only while this instance has listeners there. A fragment published
 * here is handed to local listeners at once and sent to Redis without waiting; when Redis
 * echoes it back, the echo is skipped, so local sockets get each fragment once.
 *
 * The deployment's namespace is added here, at the edge to Redis, and nowhere else: only Redis
 * is shared with other deployments, so topics stay `room:<id>` in the app and in local fan-out,
 * and a channel is `<namespace>:room:<id>`. Every payload is sealed (./envelope.ts); anything on
 * our channels that this deployment did not seal is dropped, and said once in the log.
 */
export function createRedisBus(
  target: RedisTarget,
  identity: BusIdentity,
  log: (line: string) => void = console.log,
  { lag }: { lag?: (seconds: number) => void } = {},
): Bus {
  const channel = (topic: string) => `${identity.namespace}:${topic}`;
  const envelope = createEnvelope(identity.key);
  const { publisher, heartbeat, publish, subscriber, close } = sides(target, identity.namespace);
  const state = createConnectionState(whereIs(target), publisher, () => rooms.listened(), log);
  const rooms = createSubscriptions(subscriber, state, log);
  const stopHeartbeat = startHeartbeat(heartbeat, state);
  let foreignSeen = false;

  publisher.on("error", state.failed).on("ready", state.publisherReady).on("close", state.publisherLost);
  subscriber.on("error", state.failed);
  subscriber.on("message", (on: string, sealed: string) => {
    if (envelope.fromHere(sealed)) return; // delivered here when it was published
    const opened = envelope.open(on, sealed);
    if (opened !== null) {
      const { payload, sentAt } = readSendTime(opened);
      if (sentAt !== null) lag?.((Date.now() - sentAt) / 1000);
      return rooms.deliver(on, payload);
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
      publish(to, envelope.seal(to, withSendTime(payload, sentAt.getTime()))).then(
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
      await close();
    },
  };
}
