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
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
  throw new ConfigError(`Invalid settings:\n  ${problems.join("\n  ")}`);
}
