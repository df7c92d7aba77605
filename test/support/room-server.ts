import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { sparePort } from "../../scripts/spare-port.ts";
import { type Client, type openRoomSocket, signUpOver, socketOf } from "./client.ts";
import { eventually } from "./eventually.ts";
import { crash, startRedis } from "./redis.ts";
import { startRedisCluster, type TestCluster } from "./redis-cluster.ts";
import { type RunningServer, removeDataDir, startServer } from "./server.ts";

type RoomSocket = ReturnType<typeof openRoomSocket>;

/**
 * A running server with alice and bob signed up and a room "General", for the length of a
 * describe block. Fields are filled in by beforeAll; `server` may be replaced (restarts).
 * `env` is read when it starts, as for roomOnTwoInstances.
 */
export function roomServer(env: () => Record<string, string> = () => ({})) {
  const room = {} as {
    server: RunningServer;
    alice: Client;
    bob: Client;
    slug: string;
    /** An open, admitted socket of `client` in the room (subscribed once the server has joined it). */
    socket: (client: Client, query?: string) => Promise<RoomSocket>;
  };
  beforeAll(async () => {
    room.server = await startServer({ env: env() });
    [room.alice, room.bob] = await Promise.all([
      signUpOver(room.server.url, "alice"),
      signUpOver(room.server.url, "bob"),
    ]);
    room.slug = await room.alice.createRoom("General");
    room.socket = async (client, query = "") => {
      const socket = socketOf(client, room.server.url, room.slug, query);
      await socket.opened;
      return socket;
    };
  });
  // Also after a failed start: a throw here would skip the describe block's other clean-ups.
  afterAll(async () => {
    if (!room.server) return;
    await room.server.stop();
    removeDataDir(room.server);
  });
  return room;
}

/**
 * Two instances over one data folder (one SQLite file), alice signed up on the first and bob on
 * the second, and a room, for the length of a describe block. `env` is read when they start, so
 * it may name a Redis that an earlier beforeAll of the block started.
 */
export function roomOnTwoInstances(name: string, env: () => Record<string, string>) {
  const dataDir = mkdtempSync(join(tmpdir(), "parley-instances-"));
  const room = { instances: [] as RunningServer[] } as {
    instances: RunningServer[];
    alice: Client;
    bob: Client;
    slug: string;
    /**
     * Alice's and bob's sockets on every instance, in that order, each replaying from the start;
     * resolves once each holds `marker`, a message posted before: its instance listens by then.
     */
    everyoneEverywhere: (marker: string) => Promise<RoomSocket[]>;
  };
  beforeAll(async () => {
    // Started together on one fresh file: the second must cope with the first one's migration.
    room.instances = await Promise.all([0, 1].map(() => startServer({ dataDir, env: env() })));
    const [a, b] = room.instances as [RunningServer, RunningServer];
    room.alice = await signUpOver(a.url, "alice");
    room.bob = await signUpOver(b.url, "bob");
    room.slug = await room.alice.createRoom(name);
    room.everyoneEverywhere = async (marker) => {
      const sockets = room.instances.flatMap((instance) =>
        [room.alice, room.bob].map((client) => socketOf(client, instance.url, room.slug, "?after=0")),
      );
      await Promise.all(sockets.map((socket) => socket.frame((frame) => frame.includes(marker))));
      return sockets;
    };
  });
  afterAll(async () => {
    await Promise.all(room.instances.map((instance) => instance.stop()));
    rmSync(dataDir, { recursive: true, force: true });
  });
  return room;
}

/**
 * Two instances (as roomOnTwoInstances) over a redis-server of the describe block's own, which
 * its tests may crash, restart, stop (SIGSTOP) and continue: `redis.crash()`, `redis.restart()`,
 * `redis.signal(…)`. `busIs` waits until every instance's /healthz reports the bus so.
 */
export function roomOnTwoInstancesOverOwnRedis(name: string, env: () => Record<string, string> = () => ({})) {
  let port = 0;
  let child: ChildProcess | null = null;
  const redis = {
    crash: async () => {
      if (child) await crash(child);
    },
    restart: async () => {
      child = await startRedis(port);
    },
    signal: (signal: "SIGSTOP" | "SIGCONT") => child?.kill(signal),
  };
  // Registered first, so Redis is up before the instances start and goes down after they stop.
  beforeAll(async () => {
    port = await sparePort();
    child = await startRedis(port);
  });
  afterAll(() => redis.crash());
  const room = roomOnTwoInstances(name, () => ({ REDIS_URL: `redis://127.0.0.1:${port}`, ...env() }));
  return { room, redis, busIs: busOn(room) };
}

/**
 * Two instances (as roomOnTwoInstances) over a three-node Redis Cluster of the describe block's
 * own (test/support/redis-cluster.ts), whose nodes its tests may crash and restart.
 */
export function roomOnTwoInstancesOverOwnRedisCluster(name: string) {
  const cluster = { current: null as TestCluster | null };
  // Registered first, so the cluster is up before the instances start and goes down after they stop.
  beforeAll(async () => {
    cluster.current = await startRedisCluster();
  }, 60_000);
  afterAll(() => cluster.current?.stop());
  const room = roomOnTwoInstances(name, () => ({ REDIS_CLUSTER_NODES: cluster.current?.addresses.join(",") ?? "" }));
  return { room, cluster, busIs: busOn(room) };
}

/** Waits until every instance's /healthz reports the bus so. */
function busOn(room: { instances: RunningServer[] }) {
  return (bus: "up" | "down") =>
    Promise.all(
      room.instances.map((instance) =>
        eventually(`bus ${bus} on ${instance.url}`, async () => {
          const report = await (await fetch(`${instance.url}/healthz`)).json();
          return report.bus === bus ? report : undefined;
        }),
      ),
    );
}
