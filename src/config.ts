import { z } from "zod";
import { logLevels } from "./logs/logger.ts";

/** The app's settings: the only module that reads the environment. */
export type Config = z.infer<typeof configSchema>;

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default("./data"),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must start with redis:// or rediss://")
    .optional(),
  /**
   * A Redis Cluster's nodes (`host:port,host:port,…`, any of them; the rest are found): instead of
   * REDIS_URL. `user:password@host:port` (percent-encoded, as in a URL) where the cluster has ACLs.
   */
  REDIS_CLUSTER_NODES: z
    .string()
    .regex(
      /^\s*([^\s,@]*:[^\s,@]+@)?[\w.-]+:\d{1,5}\s*(,\s*([^\s,@]*:[^\s,@]+@)?[\w.-]+:\d{1,5}\s*)*,?\s*$/,
      "must be host:port,host:port,… (user:password@host:port where the cluster wants a password)",
    )
    .transform((nodes) =>
      nodes
        .split(",")
        .map((node) => node.trim())
        .filter((node) => node !== ""),
    )
    .optional(),
  // No ":" (it separates the namespace from the channel) and no glob characters, so that
  // "<namespace>:*" in a Redis ACL or PSUBSCRIBE covers exactly this deployment's channels.
  BUS_NAMESPACE: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, "must be 1–64 letters, digits, '.', '_' or '-'")
    .optional(),
  DATABASE_URL: z
    .string()
    .regex(/^(postgres|postgresql|sqlite|file):/, "must be a postgres:// or file: URL")
    .optional(),
  PUBLIC_ORIGIN: z
    .url()
    .transform((url) => new URL(url).origin)
    .optional(),
  /**
   * Who runs this deployment, told to push services with each Web Push (VAPID's subject): a
   * mailto: address or an https: URL. Unset: PUBLIC_ORIGIN when it is https:, else a mailto: of
   * its host (src/push/vapid.ts).
   */
  PUSH_SUBJECT: z
    .string()
    .regex(/^(mailto:\S+@\S+|https:\/\/\S+)$/, "must be a mailto: address or an https:// URL")
    .optional(),
  RATE_LIMIT: z.enum(["on", "off"]).default("on"),
  /** How many reverse proxies stand in front and append to X-Forwarded-For (0: believe only the socket). */
  TRUST_PROXY: z.coerce
    .number({ error: "must be the number of proxies in front (0 for none)" })
    .int("must be the number of proxies in front (0 for none)")
    .min(0)
    .max(10)
    .default(0),
  /** Administrators besides the first account, by username (comma-separated, any case). */
  ADMIN_USERNAMES: z
    .string()
    .transform((names) =>
      names
        .split(",")
        .map((name) => name.trim().toLowerCase())
        .filter((name) => name !== ""),
    )
    .default([]),
  /** Object storage for uploads (Bun's own names): all of bucket, key id and secret, or none. */
  S3_BUCKET: z.string().optional(),
  S3_ENDPOINT: z
    .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
    .transform((url) => url.replace(/\/+$/, ""))
    .optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_REGION: z
    .string()
    .regex(/^[a-z0-9-]{1,32}$/, "must be a region name like us-east-1 or auto")
    .optional(),
  /** Unset: no /metrics. Set: GET /metrics answers Prometheus text to `Authorization: Bearer <it>`. */
  METRICS_TOKEN: z
    .string()
    .min(16, "must be at least 16 characters (a long random value: openssl rand -hex 32)")
    .regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces (it travels in a header)")
    .optional(),
  LOG_LEVEL: z.enum(logLevels, { error: `must be one of ${logLevels.join(", ")}` }).default("info"),
  /**
   * How long a stopping server answers /readyz with 503 "draining" before it closes sockets and
   * stops listening: the time a load balancer takes to notice (its check interval × failures).
   */
  DRAIN_DELAY_MS: z.coerce
    .number({ error: "must be milliseconds (0 for none)" })
    .int("must be whole milliseconds")
    .min(0)
    .max(120_000)
    .default(0),
  NODE_ENV: z.string().default("development"),
});

/** Without these three a bucket cannot be written; any S3_* setting asks for all of them. */
const bucketNeeds = ["S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const;
const bucketSettings = [...bucketNeeds, "S3_ENDPOINT", "S3_REGION"];

/** Partial object storage would silently keep uploads on this host's disk: name what is missing. */
function missingBucketSettings(present: Record<string, string | undefined>): string[] {
  const given = bucketSettings.filter((name) => present[name] !== undefined);
  if (given.length === 0) return [];
  return bucketNeeds
    .filter((name) => present[name] === undefined)
    .map((name) => `${name}: required for object storage (${given.join(", ")} set)`);
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** The environment's settings with the command line's on top (flags win over env). */
export function loadSettings(flags: Record<string, string>): Config {
  return loadConfig({ ...process.env, ...flags });
}

/** Parses settings, naming every bad variable at once so a deploy fails fast and clearly. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const parsed = configSchema.safeParse(present);
  const missing = missingBucketSettings(present);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`)),
    ...missing,
  ];
  // One Redis or a cluster, never both: which one carries the bus would be a guess.
  if (present.REDIS_URL && present.REDIS_CLUSTER_NODES)
    problems.push(
      "REDIS_CLUSTER_NODES: set either REDIS_URL (one Redis) or REDIS_CLUSTER_NODES (a Redis Cluster), not both",
    );
  if (parsed.success && problems.length === 0) return parsed.data;
  throw new ConfigError(`Invalid settings:\n  ${problems.join("\n  ")}`);
}

/** The bucket the settings name, if any, in the kit's terms (loadConfig has checked that the three it needs come together). */
export function objectStorageOf(config: Config) {
  const { S3_BUCKET: bucket, S3_ACCESS_KEY_ID: accessKeyId, S3_SECRET_ACCESS_KEY: secretAccessKey } = config;
  if (!bucket || !accessKeyId || !secretAccessKey) return undefined;
  return { bucket, accessKeyId, secretAccessKey, endpoint: config.S3_ENDPOINT, region: config.S3_REGION };
}
