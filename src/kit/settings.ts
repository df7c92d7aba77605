import { type Config, ConfigError, loadConfig } from "../config.ts";
import type { ParleyOptions } from "./options.ts";

/** Each setting's option name, so a bad option is named as the host wrote it. */
const optionNames: Record<string, string> = {
  DATA_DIR: "dataDir",
  DATABASE_URL: "database",
  REDIS_URL: "redisUrl",
  REDIS_CLUSTER_NODES: "redisClusterNodes",
  BUS_NAMESPACE: "busNamespace",
  PUBLIC_ORIGIN: "publicOrigin",
  PUSH_SUBJECT: "pushSubject",
  RATE_LIMIT: "rateLimit",
  TRUST_PROXY: "trustProxy",
  ADMIN_USERNAMES: "adminUsernames",
  S3_BUCKET: "objectStorage.bucket",
  S3_ENDPOINT: "objectStorage.endpoint",
  S3_ACCESS_KEY_ID: "objectStorage.accessKeyId",
  S3_SECRET_ACCESS_KEY: "objectStorage.secretAccessKey",
  S3_REGION: "objectStorage.region",
  METRICS_TOKEN: "metricsToken",
  LOG_LEVEL: "logLevel",
};

/** Every problem of a set of options, or none: the settings' own, then any `more` checks find. */
export function problemsOf(options: ParleyOptions, more: ((options: ParleyOptions) => string | undefined)[]) {
  const problems: string[] = [];
  try {
    settingsOf(options);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.message.split("\n  ").slice(1));
  }
  for (const check of more) {
    const problem = check(options);
    if (problem !== undefined) problems.push(problem);
  }
  return problems;
}

/**
 * The kit's options as the settings the app runs on, checked by the same rules as the
 * standalone server's environment (src/config.ts); the kit never reads the environment.
 */
export function settingsOf(options: ParleyOptions): Config {
  const given: Record<string, string | undefined> = {
    DATA_DIR: options.dataDir,
    DATABASE_URL: options.database,
    REDIS_URL: options.redisUrl,
    REDIS_CLUSTER_NODES: options.redisClusterNodes?.join(","),
    BUS_NAMESPACE: options.busNamespace,
    PUBLIC_ORIGIN: options.publicOrigin,
    PUSH_SUBJECT: options.pushSubject,
    RATE_LIMIT: options.rateLimit === false ? "off" : "on",
    TRUST_PROXY: options.trustProxy === undefined ? undefined : String(options.trustProxy),
    ADMIN_USERNAMES: options.adminUsernames?.join(","),
    S3_BUCKET: options.objectStorage?.bucket,
    S3_ENDPOINT: options.objectStorage?.endpoint,
    S3_ACCESS_KEY_ID: options.objectStorage?.accessKeyId,
    S3_SECRET_ACCESS_KEY: options.objectStorage?.secretAccessKey,
    S3_REGION: options.objectStorage?.region,
    METRICS_TOKEN: options.metricsToken,
    LOG_LEVEL: options.logLevel,
  };
  try {
    return loadConfig(given);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // Every setting's name, at the start of a line or inside a sentence ("set either REDIS_URL …").
    const named = error.message.replace(/\b[A-Z][A-Z0-9_]+\b/g, (name) => optionNames[name] ?? name);
    throw new ConfigError(named.replace("Invalid settings:", "Invalid Parley options:"));
  }
}
