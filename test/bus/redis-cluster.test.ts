import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bus, BusStatus } from "../../src/bus/bus.ts";
import { slotOf } from "../../src/bus/cluster-slot.ts";
import { createRedisBus } from "../../src/bus/redis.ts";
import { noFaults } from "../../src/bus/redis-faults.ts";
import { createRedisLimiter } from "../../src/limits/redis-limiter.ts";
import { createRedisPresence } from "../../src/live/redis-presence.ts";
import { eventually } from "../support/eventually.ts";
import { redisCommand } from "../support/redis.ts";
import {
  canStartRedisCluster,
  ownRedisCluster,
  startRedisCluster,
  type TestCluster,
} from "../support/redis-cluster.ts";
import { requirement } from "../support/requirement.ts";
import { root } from "../support/server.ts";

const needsCluster = requirement(
  canStartRedisCluster(),
  "redis-server 7 and redis-cli (the cluster tests start their own)",
);
const identity = { namespace: "cluster-ns", key: randomBytes(32) };
/** Enough rooms that their channels land on every node of three. */
const rooms = Array.from({ length: 12 }, (_, i) => `room:${i + 1}`);

/** The bus over a three-node Redis Cluster of the test's own: sharded pub/sub, node by node. */
describe.skipIf(needsCluster.skip)("the Redis bus on a cluster", () => {
  const cluster = ownRedisCluster();
  let bus: Bus;
  let sibling: Bus;
  const logs: string[] = [];
  const siblingLogs: string[] = [];
  const downSince: Date[] = [];
  const waiters: (() => void)[] = [];
  const wake = () => {
    for (const waiter of waiters.splice(0)) waiter();
  };
  const until = async (test: () => boolean) => {
    while (!test()) await new Promise<void>((resolve) => waiters.push(resolve));
  };
  const becomes = (status: BusStatus, which = bus) => until(() => which.status() === status);
  const at = (i: number) => `redis://${cluster.current?.addresses[i]}`;
  /** How many listen to a channel on any node (PUBSUB SHARDNUMSUB answers for its own node only). */
  const shardListeners = async (channel: string) => {
    let listeners = 0;
    for (let i = 0; i < 3; i++)
      listeners += Number(/:(\d+)\r\n$/.exec(await redisCommand(at(i), "PUBSUB", "SHARDNUMSUB", channel))?.[1]);
    return listeners;
  };

  beforeAll(async () => {
    const target = { cluster: cluster.current?.addresses.slice(0, 1) ?? [] }; // one node: the rest are found
    bus = createRedisBus(target, identity, (line) => {
      logs.push(line);
      wake();
    });
    sibling = createRedisBus(target, identity, (line) => {
      siblingLogs.push(line);
      wake();
    });
    bus.onStatus((status, since) => {
      if (status === "down") downSince.push(since);
      wake();
    });
    sibling.onStatus(wake);
    await Promise.all([becomes("up"), becomes("up", sibling)]);
  }, 30_000);
  afterAll(async () => {
    await Promise.all([bus?.close(), sibling?.close()]);
  });

  it("hashes channels to the slots Redis does, hash tags included", async () => {
    for (const key of ["cluster-ns:room:1", "parley:presence:room:42", "{room:7}:a", "x{}y", "a{b}c{d}", "ünïcode"]) {
      const reply = await redisCommand(at(0), "CLUSTER", "KEYSLOT", key);
      expect(slotOf(key), key).toBe(Number(/^:(\d+)/.exec(reply)?.[1]));
    }
  });

  it("carries each room's fragments between instances, each room on the node that owns its slot", async () => {
    const got = new Map<string, string[]>();
    const unsubscribes = await Promise.all(
      rooms.map((room) =>
        sibling.subscribe(room, (payload) => {
          got.set(room, [...(got.get(room) ?? []), payload]);
          wake();
        }),
      ),
    );
    const nodes = new Set(rooms.map((room) => slotOf(`cluster-ns:${room}`) < 5461));
    expect(nodes.size).toBe(2); // spread over more than one node (slots 0–5460 are the first's)
    for (const room of rooms) expect(await shardListeners(`cluster-ns:${room}`)).toBe(1);
    for (const room of rooms) bus.publish(room, `<p>to ${room}</p>`);
    await until(() => rooms.every((room) => got.get(room)?.includes(`<p>to ${room}</p>`)));
    expect([...got.values()].every((payloads) => payloads.length === 1)).toBe(true);
    await Promise.all(unsubscribes.map((unsubscribe) => unsubscribe()));
    for (const room of rooms) expect(await shardListeners(`cluster-ns:${room}`)).toBe(0);
  });

  it("is down while a node is, and listens again on every node once it is back", async () => {
    const got: string[] = [];
    const unsubscribes = await Promise.all(
      rooms.map((room) =>
        sibling.subscribe(room, (payload) => {
          got.push(payload);
          wake();
        }),
      ),
    );
    const current = cluster.current;
    if (!current) throw new Error("no cluster");
    const before = new Date();
    await current.crash(1);
    await Promise.all([becomes("down"), becomes("down", sibling)]);
    expect(downSince.at(-1)?.getTime()).toBeLessThanOrEqual(Date.now());
    expect(logs.some((line) => line.includes("is down"))).toBe(true);
    // Everyone leaves a room on a node that stays up, while the bus is down: its node's
    // connection still listens to it, and must stop once the bus is back.
    const leaving = rooms.findIndex((room) => slotOf(`cluster-ns:${room}`) < 5461); // the first node's
    await unsubscribes[leaving]?.();

    // Long enough for the others to mark it failed: the cluster refuses keyed commands on every
    // node (CLUSTERDOWN) until it is whole again, and the bus must wait that out too.
    await eventually(
      "the cluster to notice",
      async () => (await redisCommand(at(0), "CLUSTER", "INFO")).includes("cluster_state:fail") || undefined,
    );
    await current.restart(1);
    await Promise.all([becomes("up"), becomes("up", sibling)]);
    expect(siblingLogs.at(-1)).toMatch(/bus: redis at cluster .* is up, listening to 11 room\(s\)/);
    const staying = rooms.filter((_, i) => i !== leaving);
    for (const room of rooms) bus.publish(room, `<p>back in ${room}</p>`);
    await until(() => staying.every((room) => got.includes(`<p>back in ${room}</p>`)));
    expect(got).not.toContain(`<p>back in ${rooms[leaving]}</p>`);
    expect(await shardListeners(`cluster-ns:${rooms[leaving]}`)).toBe(0);
    for (const room of staying) expect(await shardListeners(`cluster-ns:${room}`)).toBe(1);
    console.log(
      `cluster: a node down and back; the bus was up again ${Date.now() - before.getTime()} ms after the kill`,
    );
  }, 60_000);
});

/** The rules docs/operating.md gives Parley's user on a cluster, word for word. */
function documentedClusterRules(): string[] {
  const doc = readFileSync(join(root, "docs", "operating.md"), "utf8");
  const line = doc.split("\n").find((text) => text.trim().startsWith("ACL SETUSER parley-prod "));
  if (!line) throw new Error("docs/operating.md no longer shows an ACL SETUSER parley-prod line");
  return line.trim().split(/\s+/).slice(3);
}

describe.skipIf(needsCluster.skip)("Parley on a cluster under the ACL that docs/operating.md gives", () => {
  let cluster: TestCluster;
  const identity = { namespace: "parley-prod", key: randomBytes(32) };
  const as = () => ({
    cluster: cluster.addresses.map((address, i) => (i === 0 ? `parley-prod:secret@${address}` : address)),
  });
  beforeAll(async () => {
    cluster = await startRedisCluster({ extra: ["--user", "parley-prod", ...documentedClusterRules()] });
  }, 60_000);
  afterAll(() => cluster?.stop());

  it("carries fragments, lists who is here and shares limits, with nothing refused", async () => {
    const refused: string[] = [];
    const faults = { ...noFaults, failed: (part: string, error: unknown) => void refused.push(`${part}: ${error}`) };
    const said: string[] = [];
    const [one, two] = [createRedisBus(as(), identity, () => {}), createRedisBus(as(), identity, (l) => said.push(l))];
    await Promise.all(
      [one, two].map((bus) => new Promise<void>((resolve) => bus.onStatus((status) => status === "up" && resolve()))),
    );
    const got: string[] = [];
    let wake = () => {};
    await Promise.all(
      rooms.map((room) =>
        two.subscribe(room, (payload) => {
          got.push(payload);
          wake();
        }),
      ),
    );
    expect([one.status(), two.status()]).toEqual(["up", "up"]);
    for (const room of rooms) one.publish(room, `<p>acl ${room}</p>`);
    while (!rooms.every((room) => got.includes(`<p>acl ${room}</p>`)))
      await new Promise<void>((resolve) => {
        wake = resolve;
      });

    const presence = createRedisPresence(as(), identity, { faults });
    for (const room of [1, 2, 3, 4, 5])
      await presence.add(room, { id: 1, username: "alice", displayName: null, avatar: null });
    expect((await presence.list(4)).map((person) => person.username)).toEqual(["alice"]);
    const limiter = createRedisLimiter(as(), identity, { faults });
    await limiter.ready;
    expect(await limiter.take("login:ip", "10.0.0.1", { burst: 1, everyMs: 60_000 })).toEqual({ ok: true });
    expect((await limiter.take("login:ip", "10.0.0.1", { burst: 1, everyMs: 60_000 })).ok).toBe(false);
    expect(await limiter.hold("session-sockets", "s", "1", 1)).toBe(true);
    expect(await limiter.hold("session-sockets", "s", "2", 1)).toBe(false);
    expect(refused).toEqual([]);
    expect(said.filter((line) => !line.includes(" is up"))).toEqual([]);
    expect(said.join("\n")).not.toContain("secret"); // the log names the nodes, never the password
    await Promise.all([one.close(), two.close(), presence.close(), limiter.close()]);
  });
});
