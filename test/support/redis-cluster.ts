import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { sparePort } from "../../scripts/spare-port.ts";
import { eventually } from "./eventually.ts";
import { crash, hasRedisServer, redisCommand } from "./redis.ts";

/** Whether this machine can start a Redis Cluster of its own: redis-server 7 (sharded pub/sub) and redis-cli. */
export const canStartRedisCluster = () => {
  if (!hasRedisServer()) return false;
  const version = /v=(\d+)/.exec(spawnSync("redis-server", ["--version"]).stdout?.toString() ?? "")?.[1];
  return Number(version) >= 7 && spawnSync("redis-cli", ["--version"]).status === 0;
};

/**
 * Short enough that a node killed by a test is marked failed, and back, within seconds; long
 * enough that a busy machine (two cores shared by several test runs) does not fail a node
 * that is only slow.
 */
const nodeTimeoutMs = 3000;

/** One node of a test's cluster: its port, and its folder (its nodes.conf survives a restart). */
interface ClusterNode {
  port: number;
  busPort: number;
  dir: string;
  child: ChildProcess | null;
}

function startNode(node: ClusterNode, extra: string[]): Promise<ChildProcess> {
  const child = spawn(
    "redis-server",
    [
      ...["--port", String(node.port), "--bind", "127.0.0.1", "--dir", node.dir],
      ...["--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf"],
      ...["--cluster-port", String(node.busPort), "--cluster-node-timeout", String(nodeTimeoutMs)],
      ...["--save", "", "--appendonly", "no"],
      ...extra,
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) resolve(child);
    });
    child.once("exit", (code) => reject(new Error(`redis-server exited (${code}):\n${output}`)));
  });
}

/** Until every node says the cluster is whole (all 16384 slots served). */
const whole = (nodes: ClusterNode[]) =>
  eventually(
    "the cluster to be whole",
    async () => {
      const states = await Promise.all(
        nodes.map((node) =>
          redisCommand(`redis://127.0.0.1:${node.port}`, "CLUSTER", "INFO").catch(() => "unreachable"),
        ),
      );
      return states.every((info) => info.includes("cluster_state:ok")) || undefined;
    },
    30_000,
  );

/**
 * A three-node Redis Cluster of the test's own (no replicas, persisting nothing), on spare
 * ports under its own folder in /tmp. `crash(i)` kills node i without warning; `restart(i)`
 * starts it again on its port with its nodes.conf, so it takes its slots back. `extra` adds
 * arguments to every node (`--user …`).
 */
export async function startRedisCluster({ size = 3, extra = [] as string[] } = {}) {
  const root = mkdtempSync(join(tmpdir(), "parley-cluster-"));
  // Each node has a client port and a cluster bus port: 2 × size ports, none taken twice.
  const ports = new Set<number>();
  while (ports.size < 2 * size) ports.add(await sparePort());
  const [clientPorts, busPorts] = [[...ports].slice(0, size), [...ports].slice(size)];
  const nodes: ClusterNode[] = clientPorts.map((port, i) => {
    const dir = join(root, String(i));
    mkdirSync(dir);
    return { port, busPort: busPorts[i] as number, dir, child: null };
  });
  for (const node of nodes) node.child = await startNode(node, extra);
  const addresses = nodes.map((node) => `127.0.0.1:${node.port}`);
  const created = spawnSync("redis-cli", [
    "--cluster",
    "create",
    ...addresses,
    "--cluster-replicas",
    "0",
    "--cluster-yes",
  ]);
  if (created.status !== 0) throw new Error(`redis-cli --cluster create failed:\n${created.stdout}${created.stderr}`);
  await whole(nodes);
  return {
    /** `host:port` of every node, as REDIS_CLUSTER_NODES takes them. */
    addresses,
    crash: async (i: number) => {
      const child = nodes[i]?.child;
      if (child) await crash(child);
    },
    restart: async (i: number) => {
      const node = nodes[i] as ClusterNode;
      node.child = await startNode(node, extra);
    },
    /** Resolves once every node serves its slots again. */
    whole: () => whole(nodes),
    stop: async () => {
      await Promise.all(nodes.map((node) => node.child && crash(node.child)));
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export type TestCluster = Awaited<ReturnType<typeof startRedisCluster>>;

/** A cluster of the describe block's own, started before its tests and stopped after: its tests may crash nodes. */
export function ownRedisCluster() {
  const cluster = { current: null as TestCluster | null };
  beforeAll(async () => {
    cluster.current = await startRedisCluster();
  }, 60_000);
  afterAll(async () => {
    await cluster.current?.stop();
  });
  return cluster;
}

/** The cluster `.ci/run` starts (ports 7000–7002), named by REDIS_CLUSTER_TEST_NODES; unset: none. */
const sharedClusterNodes = process.env.REDIS_CLUSTER_TEST_NODES?.split(",").filter((node) => node !== "");

/**
 * A cluster for tests that only read and write (never crash a node): the one `.ci/run` started
 * when REDIS_CLUSTER_TEST_NODES names it, else one of the describe block's own. Such tests keep
 * apart by namespace (a random one per run: the shared cluster outlives them).
 */
export function someRedisCluster() {
  const cluster = { addresses: sharedClusterNodes ?? [] };
  if (sharedClusterNodes) return cluster;
  let own: TestCluster | null = null;
  beforeAll(async () => {
    own = await startRedisCluster();
    cluster.addresses = own.addresses;
  }, 60_000);
  afterAll(async () => {
    await own?.stop();
  });
  return cluster;
}

/** Whether the cluster tests can run: a shared cluster is named, or one can be started here. */
export const clusterAvailable = () => sharedClusterNodes !== undefined || canStartRedisCluster();
