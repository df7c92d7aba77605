import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sparePort } from "../../scripts/spare-port.ts";
import { noFaults } from "../../src/bus/redis-faults.ts";
import type { Limiter } from "../../src/limits/limiter.ts";
import { createMemoryLimiter } from "../../src/limits/memory-limiter.ts";
import { createRedisLimiter } from "../../src/limits/redis-limiter.ts";
import { crash, hasRedisServer, ownRedis, startRedis } from "../support/redis.ts";
import { clusterAvailable, someRedisCluster } from "../support/redis-cluster.ts";
import { requirement } from "../support/requirement.ts";

const needsRedis = requirement(hasRedisServer(), "redis-server (the limit tests start their own)");
const three = { burst: 3, everyMs: 60_000 };

/** What every limiter does, wherever it keeps its counts. */
const behavesAsLimiter = (open: () => Limiter | Promise<Limiter>) => {
  it("lets a burst through, then refuses and says how long to wait; each key and each name apart", async () => {
    const limiter = await open();
    const takes = [];
    for (let n = 0; n < 4; n++) takes.push(await limiter.take("login:ip", "10.0.0.1", three));
    expect(takes.slice(0, 3)).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    const refused = takes[3];
    expect(refused?.ok).toBe(false);
    if (refused && !refused.ok) expect(refused.retryAfterMs).toBeGreaterThan(59_000);
    expect(await limiter.take("login:ip", "10.0.0.2", three)).toEqual({ ok: true });
    expect(await limiter.take("signup:ip", "10.0.0.1", three)).toEqual({ ok: true });
    await limiter.close();
  });

  it("counts what is held open up to a cap, and makes room when one is released", async () => {
    const limiter = await open();
    expect(await limiter.hold("session-sockets", "s1", "1", 2)).toBe(true);
    expect(await limiter.hold("session-sockets", "s1", "2", 2)).toBe(true);
    expect(await limiter.hold("session-sockets", "s1", "3", 2)).toBe(false);
    expect(await limiter.hold("session-sockets", "s2", "3", 2)).toBe(true);
    await limiter.release("session-sockets", "s1", "1");
    expect(await limiter.hold("session-sockets", "s1", "3", 2)).toBe(true);
    await limiter.close();
  });
};

describe("limits in one process", () => {
  behavesAsLimiter(() => createMemoryLimiter());

  it("refill at their rate", async () => {
    let t = 1_000_000;
    const limiter = createMemoryLimiter(() => t);
    const limit = { burst: 3, everyMs: 250 };
    for (let n = 0; n < 3; n++) await limiter.take("message", "alice", limit);
    expect(await limiter.take("message", "alice", limit)).toEqual({ ok: false, retryAfterMs: 250 });
    t += 100;
    expect(await limiter.take("message", "alice", limit)).toEqual({ ok: false, retryAfterMs: 150 });
    t += 150;
    expect(await limiter.take("message", "alice", limit)).toEqual({ ok: true });
  });

  it("stay bounded in memory when callers keep changing keys", async () => {
    const limiter = createMemoryLimiter(() => 0);
    const one = { burst: 1, everyMs: 3_600_000 };
    for (let i = 0; i < 30_000; i++) await limiter.take("x", `key-${i}`, one);
    // The oldest keys were forgotten: they get a fresh burst, as a new address would.
    expect((await limiter.take("x", "key-0", one)).ok).toBe(true);
    expect((await limiter.take("x", "key-29999", one)).ok).toBe(false);
  });
});

describe.skipIf(needsRedis.skip)("limits shared through Redis", () => {
  const redis = ownRedis();
  let n = 0;
  const fresh = () => ({ namespace: `limits-test-${n++}` });

  /** A limiter connected to Redis (before that, each instance limits on its own). */
  const connected = async (identity = fresh(), options = {}) => {
    const limiter = createRedisLimiter(redis.url, identity, options);
    await limiter.ready;
    return limiter;
  };

  behavesAsLimiter(() => connected());

  it("hold across instances: a burst spent on one is refused on the other", async () => {
    const identity = fresh();
    const [one, two] = [await connected(identity), await connected(identity)];
    for (let i = 0; i < 3; i++) expect(await one.take("message", "alice", three)).toEqual({ ok: true });
    const refused = await two.take("message", "alice", three);
    expect(refused.ok).toBe(false);
    // Another deployment on the same Redis counts on its own.
    const other = await connected();
    expect(await other.take("message", "alice", three)).toEqual({ ok: true });
    await Promise.all([one.close(), two.close(), other.close()]);
  });

  it("count what is held open over instances, and forget what a crashed instance held", async () => {
    const identity = fresh();
    const [one, quick] = [await connected(identity), await connected(identity, { ttlMs: 300 })];
    expect(await quick.hold("session-sockets", "s", "1", 2)).toBe(true);
    expect(await one.hold("session-sockets", "s", "1", 2)).toBe(true);
    expect(await one.hold("session-sockets", "s", "2", 2)).toBe(false);
    // `quick` goes without releasing, as a crash would: within its lifetime its socket stops counting.
    await quick.close();
    await expect.poll(() => one.hold("session-sockets", "s", "2", 2), { timeout: 3000, interval: 50 }).toBe(true);
    await one.close();
  });

  it("let an idle key go: it expires once its allowance is back", async () => {
    const identity = fresh();
    const limiter = await connected(identity);
    await limiter.take("message", "bob", { burst: 2, everyMs: 200 });
    const { connect } = await import("../../src/bus/redis.ts");
    const raw = connect(redis.url, "test", { enableOfflineQueue: true });
    const key = `${identity.namespace}:limit:message:bob`;
    expect(Number(await raw.pttl(key))).toBeGreaterThan(0);
    await expect.poll(() => raw.exists(key), { timeout: 3000, interval: 50 }).toBe(0);
    raw.disconnect();
    await limiter.close();
  });

  it("follow the bus: while it says Redis is down, decide here without a round trip to Redis", async () => {
    const identity = fresh();
    let busUp = true;
    const limiter = await connected(identity, { faults: { ...noFaults, answers: () => busUp }, log: () => {} });
    const { connect } = await import("../../src/bus/redis.ts");
    const raw = connect(redis.url, "test", { enableOfflineQueue: true });
    busUp = false;
    const during = [];
    for (let i = 0; i < 4; i++) during.push((await limiter.take("message", "dave", three)).ok);
    expect(during).toEqual([true, true, true, false]);
    expect(await limiter.hold("session-sockets", "dave", "1", 1)).toBe(true);
    // Redis never heard of dave: nothing was sent while the bus said it was down.
    expect(await raw.keys(`${identity.namespace}:*`)).toEqual([]);
    busUp = true;
    expect(await limiter.take("message", "dave", three)).toEqual({ ok: true });
    expect(await raw.exists(`${identity.namespace}:limit:message:dave`)).toBe(1);
    raw.disconnect();
    await limiter.close();
  });

  it("decide a check still waiting on Redis here, the moment the bus finds Redis gone", async () => {
    const port = await sparePort();
    const hung = await startRedis(port);
    const lines: string[] = [];
    const lost: (() => void)[] = [];
    let up = true;
    const faults = { ...noFaults, answers: () => up, onLost: (listener: () => void) => void lost.push(listener) };
    const limiter = createRedisLimiter(`redis://127.0.0.1:${port}`, fresh(), {
      log: (line) => lines.push(line),
      faults,
    });
    await limiter.ready;
    expect(await limiter.take("message", "gina", three)).toEqual({ ok: true });
    hung.kill("SIGSTOP");
    try {
      const waiting = limiter.take("message", "gina", three); // sent; Redis will not answer
      up = false;
      for (const listener of lost) listener();
      expect(await waiting).toEqual({ ok: true });
      // Decided because the bus said so, not after the limiter's own timeout.
      expect(lines).toEqual(["limits: Redis did not answer (the bus finds it down); each instance limits on its own"]);
    } finally {
      hung.kill("SIGCONT");
      await limiter.close();
      await crash(hung);
    }
  });

  it("never hold anyone out longer than their own limit, whatever someone writes into Redis", async () => {
    const identity = fresh();
    const limiter = await connected(identity);
    const { connect } = await import("../../src/bus/redis.ts");
    const raw = connect(redis.url, "test", { enableOfflineQueue: true });
    const year = 365 * 24 * 3600_000;
    const limit = { burst: 3, everyMs: 200 };
    // A SET that would have locked the account out of logging in for a year, and one that is not a time.
    const key = `${identity.namespace}:limit:login:account:erin`;
    await raw.set(key, String(Date.now() + year), "PX", year);
    const held = await limiter.take("login:account", "erin", limit);
    expect(held.ok).toBe(false);
    if (!held.ok) expect(held.retryAfterMs).toBeLessThanOrEqual(limit.everyMs);
    expect(Number(await raw.pttl(key))).toBeLessThanOrEqual((limit.burst + 1) * limit.everyMs);
    await expect
      .poll(() => limiter.take("login:account", "erin", limit), { timeout: 3000, interval: 50 })
      .toEqual({
        ok: true,
      });
    await raw.set(`${identity.namespace}:limit:login:account:frank`, "not a time");
    expect(await limiter.take("login:account", "frank", limit)).toEqual({ ok: true });
    // Members forged to hold a session's sockets for a year do not count against its cap.
    const sockets = `${identity.namespace}:open:session-sockets:s`;
    for (let i = 0; i < 5; i++) await raw.zadd(sockets, Date.now() + year, `forged:${i}`);
    expect(await limiter.hold("session-sockets", "s", "1", 2)).toBe(true);
    raw.disconnect();
    await limiter.close();
  });

  it("fall back to each instance's own limits while Redis is down, and say so once", async () => {
    const port = await sparePort();
    const doomed = await startRedis(port);
    const lines: string[] = [];
    const limiter = createRedisLimiter(`redis://127.0.0.1:${port}`, fresh(), { log: (line) => lines.push(line) });
    await limiter.ready;
    expect(await limiter.take("message", "carol", three)).toEqual({ ok: true });
    await crash(doomed);
    const during = [];
    for (let i = 0; i < 4; i++) during.push((await limiter.take("message", "carol", three)).ok);
    // Held here on its own: the local burst, then refused; sending never waited on Redis.
    expect(during).toEqual([true, true, true, false]);
    expect(lines.filter((line) => line.includes("did not answer"))).toHaveLength(1);
    await limiter.close();
  });
});

const needsCluster = requirement(
  clusterAvailable(),
  "redis-server 7 and redis-cli (the cluster tests start their own)",
);

describe.skipIf(needsCluster.skip)("limits shared through a Redis Cluster", () => {
  const cluster = someRedisCluster();
  const run = randomBytes(4).toString("hex");
  let n = 0;
  const connected = async (identity = { namespace: `cluster-limits-${run}-${n++}` }) => {
    const limiter = createRedisLimiter({ cluster: cluster.addresses }, identity);
    await limiter.ready;
    return limiter;
  };

  behavesAsLimiter(() => connected());

  it("share a burst and a cap across instances, each key on the node of its own slot", async () => {
    const identity = { namespace: `cluster-limits-${run}-${n++}` };
    const [one, two] = [await connected(identity), await connected(identity)];
    const keys = Array.from({ length: 12 }, (_, i) => `10.0.0.${i}`);
    for (const key of keys)
      for (let i = 0; i < 3; i++) expect(await one.take("login:ip", key, three)).toEqual({ ok: true });
    for (const key of keys) expect((await two.take("login:ip", key, three)).ok).toBe(false);
    for (const key of keys) expect(await one.hold("session-sockets", key, "1", 1)).toBe(true);
    for (const key of keys) expect(await two.hold("session-sockets", key, "2", 1)).toBe(false);
    await Promise.all([one.close(), two.close()]);
  });
});
