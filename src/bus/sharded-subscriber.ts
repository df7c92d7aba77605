import type { Cluster, Redis } from "ioredis";
import { slotOf } from "./cluster-slot.ts";
import { connect, end } from "./redis-connection.ts";

/** `host:port` of the master that serves each slot, as the cluster connection last read them. */
const ownerOf = (cluster: Cluster, slot: number): string | undefined => cluster.slots[slot]?.[0];
const owners = (cluster: Cluster) => new Set(cluster.slots.map((keys) => keys?.[0]).filter((key) => key !== undefined));

/**
 * The subscribing side of the bus on a Redis Cluster. Sharded pub/sub (Redis 7) hands a channel's
 * messages only to clients of the node that owns its slot, so each room's SSUBSCRIBE goes to that
 * node: one connection per master, opened as the cluster's slots are read (and again when they
 * move). ioredis can do this itself, but it resubscribes out of sight; the bus must know when
 * every room listens again, so this looks like one subscribing connection to the reconciler
 * (./redis-subscriptions.ts): "ready" once every master's connection is, "close" as soon as one
 * is lost (every room is then subscribed again where it lives), "message" for any of them.
 *
 * One node lost is the whole bus down, on purpose: a cluster that misses a master refuses
 * every keyed command anyway (`cluster-require-full-coverage`, on by default), and the resync
 * that follows the outage covers every room, whichever node it lived on.
 */
export function createShardedSubscriber(cluster: Cluster, name: string) {
  type Event = "ready" | "close" | "error" | "message";
  const listeners = new Map<Event, ((...args: never[]) => void)[]>();
  const events = {
    emit: (event: Event, ...args: unknown[]) => {
      for (const listener of listeners.get(event) ?? []) (listener as (...args: unknown[]) => void)(...args);
    },
  };
  const shards = new Map<string, Redis>();
  /** The channels each node's connection listens to now: a lost connection listens to none. */
  const held = new Map<Redis, Set<string>>();
  let live = false;

  const ready = () => {
    const all = owners(cluster);
    if (live || all.size === 0 || ![...all].every((key) => shards.get(key)?.status === "ready")) return;
    live = true;
    events.emit("ready");
  };
  const lost = () => {
    if (!live) return;
    live = false;
    events.emit("close");
  };
  const open = (key: string) => {
    const { username, password } = cluster.options.redisOptions ?? {};
    const shard = connect(`redis://${key}`, name, { username, password });
    shard
      .on("error", (error: Error) => events.emit("error", error))
      .on("ready", ready)
      .on("close", () => {
        held.delete(shard);
        lost();
      })
      .on("smessage", (channel: string, payload: string) => events.emit("message", channel, payload));
    shards.set(key, shard);
  };
  /** A connection for every master that owns slots now, and none for a node that no longer does. */
  const follow = () => {
    const wanted = owners(cluster);
    let moved = false;
    for (const [key, shard] of shards) {
      if (wanted.has(key)) continue;
      shards.delete(key);
      void end(shard);
      moved = true;
    }
    for (const key of wanted) {
      if (shards.has(key)) continue;
      open(key);
      moved = true;
    }
    if (moved) lost(); // slots moved: every room is subscribed again where it lives now
    ready();
  };
  cluster.on("ready", follow).on("refresh", follow);

  /** One command per slot: SSUBSCRIBE refuses channels of several slots at once (CROSSSLOT). */
  const each = (channels: string[], command: (shard: Redis, channels: string[]) => Promise<unknown>) => {
    const bySlot = new Map<number, string[]>();
    for (const channel of channels) {
      const slot = slotOf(channel);
      bySlot.set(slot, [...(bySlot.get(slot) ?? []), channel]);
    }
    return Promise.all(
      [...bySlot].map(([slot, group]) => {
        const key = ownerOf(cluster, slot);
        const shard = key === undefined ? undefined : shards.get(key);
        if (!shard) return Promise.reject(new Error(`no connection to the node of slot ${slot}`));
        return command(shard, group);
      }),
    );
  };

  return {
    on(event: Event, listener: (...args: never[]) => void) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return this;
    },
    subscribe: (...channels: string[]) =>
      each(channels, async (shard, group) => {
        await shard.ssubscribe(...group);
        // Still the connection that was asked: one lost meanwhile listens to nothing.
        if (shard.status === "ready") held.set(shard, new Set([...(held.get(shard) ?? []), ...group]));
      }),
    unsubscribe: (...channels: string[]) =>
      each(channels, async (shard, group) => {
        await shard.sunsubscribe(...group);
        for (const channel of group) held.get(shard)?.delete(channel);
      }),
    /** What the nodes' connections listen to: those not lost kept their rooms through an outage. */
    held: () => [...shards.values()].flatMap((shard) => [...(held.get(shard) ?? [])]),
    /** How many masters this listens to now, of how many own slots. */
    shards: () => ({
      ready: [...shards.values()].filter((shard) => shard.status === "ready").length,
      of: owners(cluster).size,
    }),
    async close() {
      cluster.off("ready", follow).off("refresh", follow);
      live = false;
      await Promise.all([...shards.values()].map(end));
      shards.clear();
    },
  };
}

/**
 * The heartbeat's view of a cluster: PING every master that owns slots, through the cluster
 * connection's own node connections (the ones publishes go through, so each PONG confirms what
 * was published before it). A master without a connection fails the beat.
 */
export function pingMasters(cluster: Cluster) {
  return {
    get status() {
      return cluster.status;
    },
    ping() {
      const nodes = new Map(cluster.nodes("master").map((node) => [`${node.options.host}:${node.options.port}`, node]));
      return Promise.all(
        [...owners(cluster)].map(
          (key) => nodes.get(key)?.ping() ?? Promise.reject(new Error(`no connection to ${key}`)),
        ),
      );
    },
  };
}
