import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createEnvelope } from "../../src/bus/envelope.ts";
import { connect } from "../../src/bus/redis.ts";
import { noFaults } from "../../src/bus/redis-faults.ts";
import { createMemoryPresence, type PresenceStore } from "../../src/live/presence-store.ts";
import { createRedisPresence } from "../../src/live/redis-presence.ts";
import { manualClock } from "../support/manual-clock.ts";
import { hasRedisServer, ownRedis } from "../support/redis.ts";
import { clusterAvailable, someRedisCluster } from "../support/redis-cluster.ts";
import { requirement } from "../support/requirement.ts";

const needsRedis = requirement(hasRedisServer(), "redis-server (the presence tests start their own)");
const alice = { id: 1, username: "alice", displayName: null, avatar: null };
const bob = { id: 2, username: "bob", displayName: "Bob B.", avatar: null };

/** What every presence store does, whatever keeps it. */
const behavesAsPresence = (open: () => PresenceStore) => {
  it("lists who was added, once each, by name, until removed", async () => {
    const presence = open();
    await presence.add(7, bob);
    await presence.add(7, alice);
    await presence.add(7, alice);
    await presence.add(8, bob);
    expect(await presence.list(7)).toEqual([alice, bob]);
    await presence.remove(7, bob.id);
    expect(await presence.list(7)).toEqual([alice]);
    expect(await presence.list(8)).toEqual([bob]);
    await presence.remove(7, bob.id);
    expect(await presence.list(9)).toEqual([]);
    await presence.close();
  });

  it("shows a person added again with a new name by that name alone, and lets them go at once", async () => {
    const presence = open();
    await presence.add(7, bob);
    const renamed = { ...bob, displayName: "Robert" };
    await presence.add(7, renamed);
    expect(await presence.list(7)).toEqual([renamed]);
    await presence.remove(7, bob.id);
    expect(await presence.list(7)).toEqual([]);
    await presence.close();
  });
};

describe("presence in memory", () => behavesAsPresence(createMemoryPresence));

describe.skipIf(needsRedis.skip)("presence shared through Redis", () => {
  const redis = ownRedis();
  let n = 0;
  const fresh = () => ({ namespace: `presence-test-${n++}`, key: randomBytes(32) });

  behavesAsPresence(() =>
    createRedisPresence(redis.url, { namespace: "presence-test-contract", key: randomBytes(32) }),
  );

  it("lists a person on two instances once, until both have let them go", async () => {
    const identity = fresh();
    const one = createRedisPresence(redis.url, identity);
    const two = createRedisPresence(redis.url, identity);
    await one.add(1, alice);
    await two.add(1, alice);
    await two.add(1, bob);
    expect(await one.list(1)).toEqual([alice, bob]);
    await one.remove(1, alice.id);
    expect(await one.list(1)).toEqual([alice, bob]);
    // An instance that shuts down takes its people out at once.
    await two.close();
    expect(await one.list(1)).toEqual([]);
    await one.close();
  });

  it("drops the people of an instance that stops refreshing them (a crash) once their time is up", async () => {
    const identity = fresh();
    const clock = manualClock(1_800_000_000_000);
    const presence = createRedisPresence(redis.url, identity, { ttlMs: 60_000, now: clock.now, every: clock.every });
    await presence.add(1, alice);
    // What a crashed instance leaves behind: an entry nobody will refresh, due to expire soon.
    const raw = connect(redis.url, "test", { enableOfflineQueue: true });
    const at = `${identity.namespace}:presence:room:1`;
    await raw.zadd(at, clock.now() + 300, createEnvelope(identity.key).seal(at, JSON.stringify(bob)));
    expect(await presence.list(1)).toEqual([alice, bob]);
    await clock.advance(299);
    expect(await presence.list(1)).toEqual([alice, bob]);
    await clock.advance(1);
    expect(await presence.list(1)).toEqual([alice]);
    raw.disconnect();
    await presence.close();
  });

  it("keeps a live instance's people listed past their time by refreshing them", async () => {
    const identity = fresh();
    const clock = manualClock(1_800_000_000_000);
    const presence = createRedisPresence(redis.url, identity, { ttlMs: 60_000, now: clock.now, every: clock.every });
    await presence.add(1, alice);
    // Five lifetimes, a third of one at a time: each step's refresh carries the entry on.
    for (let step = 0; step < 15; step++) {
      await clock.advance(20_000);
      expect(await presence.list(1)).toEqual([alice]);
    }
    await presence.close();
  });

  it("never shows an entry this deployment did not seal for that room, nor one forged to linger", async () => {
    const identity = fresh();
    const presence = createRedisPresence(redis.url, identity, { ttlMs: 60_000 });
    await presence.add(1, alice);
    const raw = connect(redis.url, "test", { enableOfflineQueue: true });
    const [one, two] = [`${identity.namespace}:presence:room:1`, `${identity.namespace}:presence:room:2`];
    const soon = Date.now() + 30_000;
    const ceo = { id: 99, username: "ceo", displayName: "The CEO", avatar: null };
    // One ZADD each, as anyone who can write to the Redis could: a stranger, a real person renamed,
    // a stranger sealed with another deployment's key, our own entry copied into another room.
    await raw.zadd(one, soon, `anyone|${JSON.stringify(ceo)}`);
    await raw.zadd(
      one,
      soon,
      `${"A".repeat(11)}.${"B".repeat(22)}.${JSON.stringify({ ...bob, displayName: "The CEO" })}`,
    );
    await raw.zadd(one, soon, createEnvelope(randomBytes(32)).seal(one, JSON.stringify(ceo)));
    const [ours] = (await raw.zrange(one, "0", "-1")).filter((entry) => entry.includes('"alice"'));
    await raw.zadd(two, soon, ours ?? "");
    // A genuine entry scored to stay for a year.
    const later = createRedisPresence(redis.url, identity, { ttlMs: 60_000 });
    await later.add(1, bob);
    const bobs = (await raw.zrange(one, "0", "-1")).filter(
      (entry) => entry.includes('"bob"') && !entry.includes("CEO"),
    );
    for (const entry of bobs) await raw.zadd(one, Date.now() + 365 * 24 * 3600_000, entry);
    expect(await presence.list(1)).toEqual([alice]);
    expect(await presence.list(2)).toEqual([]);
    raw.disconnect();
    await Promise.all([presence.close(), later.close()]);
  });

  it("follows the bus: while Redis is down it sends nothing, lists its own people, and catches Redis up after", async () => {
    const identity = fresh();
    const clock = manualClock(1_800_000_000_000);
    let answers = false;
    const presence = createRedisPresence(redis.url, identity, {
      ttlMs: 60_000,
      faults: { ...noFaults, answers: () => answers },
      now: clock.now,
      every: clock.every,
    });
    const raw = connect(redis.url, "test", { enableOfflineQueue: true });
    const zcard = () => raw.zcard(`${identity.namespace}:presence:room:1`);
    await presence.add(1, alice);
    await presence.add(1, bob);
    expect(await presence.list(1)).toEqual([alice, bob]);
    expect(await raw.exists(`${identity.namespace}:presence:room:1`)).toBe(0);
    answers = true;
    // The next refresh (a third of a lifetime on) tells Redis of both.
    await clock.advance(20_000);
    expect(await zcard()).toBe(2);
    answers = false;
    await presence.remove(1, bob.id);
    expect(await presence.list(1)).toEqual([alice]);
    expect(await zcard()).toBe(2);
    answers = true;
    await clock.advance(20_000);
    expect(await zcard()).toBe(1);
    raw.disconnect();
    await presence.close();
  });
});

const needsCluster = requirement(
  clusterAvailable(),
  "redis-server 7 and redis-cli (the cluster tests start their own)",
);

describe.skipIf(needsCluster.skip)("presence shared through a Redis Cluster", () => {
  const cluster = someRedisCluster();
  const run = randomBytes(4).toString("hex");
  const on = () => ({ cluster: cluster.addresses });
  let n = 0;
  const fresh = () => ({ namespace: `cluster-presence-${run}-${n++}`, key: randomBytes(32) });

  behavesAsPresence(() => createRedisPresence(on(), fresh()));

  it("keeps people in rooms on every node listed by refreshing each room on its own node", async () => {
    const identity = fresh();
    const clock = manualClock(1_800_000_000_000);
    const faults: string[] = [];
    const presence = createRedisPresence(on(), identity, {
      ttlMs: 60_000,
      now: clock.now,
      every: clock.every,
      faults: { ...noFaults, failed: (_part, error) => void faults.push(String(error)) },
    });
    const other = createRedisPresence(on(), identity, { ttlMs: 60_000, now: clock.now, every: clock.every });
    const rooms = Array.from({ length: 12 }, (_, i) => i + 1);
    for (const room of rooms) await presence.add(room, alice);
    await presence.remove(3, alice.id);
    for (let step = 0; step < 6; step++) {
      await clock.advance(20_000);
      for (const room of rooms) expect(await other.list(room)).toEqual(room === 3 ? [] : [alice]);
    }
    expect(faults).toEqual([]); // no CROSSSLOT from a refresh over many rooms
    await presence.close();
    for (const room of rooms) expect(await other.list(room)).toEqual([]);
    await other.close();
  });
});
