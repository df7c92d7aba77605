import { Cluster, Redis, type RedisOptions } from "ioredis";

/** Where Redis is: one server's `redis://` URL, or a Redis Cluster's nodes (`host:port`, any of them). */
export type RedisTarget = string | { cluster: string[] };

/** A connection to either: the commands Parley uses are the same, routed by key in a cluster. */
export type RedisClient = Redis | Cluster;

/** A cluster node as REDIS_CLUSTER_NODES names it, `[user:password@]host:port`, read as a URL would be. */
const nodeOf = (entry: string) => {
  const url = new URL(`redis://${entry}`);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: decodeURIComponent(url.username) || undefined,
    password: decodeURIComponent(url.password) || undefined,
  };
};

/** Redis's place for log lines: `host:port`, or the cluster's nodes as given (never a password). */
export const whereIs = (target: RedisTarget) =>
  typeof target === "string"
    ? new URL(target).host
    : `cluster ${target.cluster.map((entry) => `${nodeOf(entry).host}:${nodeOf(entry).port}`).join(",")}`;

/** Back off quickly to 2 s: clients should see a recovered Redis (or node) within seconds. */
const retry = (attempt: number) => Math.min(50 * 2 ** attempt, 2000);

const connectionOptions: RedisOptions = {
  retryStrategy: retry,
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

/**
 * A connection to a Redis Cluster with the same habits, node by node. Its node connections
 * reconnect as the single one does (ioredis's default drops a lost node until the slots are
 * read again): a node that restarts on its address takes its slots back, and the heartbeat
 * sees it answer again at once.
 */
export function connectCluster(nodes: string[], name: string, overrides: RedisOptions = {}) {
  const seeds = nodes.map(nodeOf);
  // Every node is asked with the same credentials: the first entry that names them.
  const { username, password } = seeds.find((seed) => seed.password) ?? {};
  const { enableOfflineQueue = false, ...node } = {
    ...connectionOptions,
    connectionName: name,
    username,
    password,
    ...overrides,
  };
  return new Cluster(
    seeds.map(({ host, port }) => ({ host, port })),
    {
      redisOptions: node,
      enableOfflineQueue,
      clusterRetryStrategy: retry,
      clusterNodeRetryStrategy: retry,
    },
  );
}

/** One Redis or a cluster, as the target says. */
export const connectTo = (target: RedisTarget, name: string, overrides: RedisOptions = {}): RedisClient =>
  typeof target === "string" ? connect(target, name, overrides) : connectCluster(target.cluster, name, overrides);

/** Closes a connection at once, even to a Redis that does not answer; resolves once it is closed. */
export const end = (connection: RedisClient) =>
  new Promise<void>((resolve) => {
    if (connection.status === "end") return resolve();
    connection.once("end", () => resolve());
    connection.disconnect();
    // A hung Redis never answers a polite close; between reconnection attempts nothing is open.
    if (connection instanceof Redis) connection.stream?.destroy();
    if (connection.status === "reconnecting") resolve();
  });
