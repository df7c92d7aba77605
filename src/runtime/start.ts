import pkg from "../../package.json" with { type: "json" };
import { type Config, ConfigError, loadSettings, objectStorageOf } from "../config.ts";
import { helpText, parseFlags } from "../flags.ts";
import type { ParleyOptions } from "../kit/options.ts";

/**
 * The settings every entry starts from: flags over environment. `--help` and `--version`
 * print and exit here, so each runtime's entry only ever sees a valid Config.
 */
export function readSettings(version = pkg.version): Config {
  const invocation = parseFlags(process.argv.slice(2));
  if ("help" in invocation) exit(helpText(version), 0);
  if ("version" in invocation) exit(version, 0);
  if ("error" in invocation) throw new ConfigError(invocation.error);
  return loadSettings(invocation.run);
}

/** The standalone server is the kit with its settings from the environment and Parley's own accounts. */
export const standaloneOptions = (config: Config): ParleyOptions => ({
  dataDir: config.DATA_DIR,
  database: config.DATABASE_URL,
  redisUrl: config.REDIS_URL,
  redisClusterNodes: config.REDIS_CLUSTER_NODES,
  busNamespace: config.BUS_NAMESPACE,
  publicOrigin: config.PUBLIC_ORIGIN,
  rateLimit: config.RATE_LIMIT === "on",
  trustProxy: config.TRUST_PROXY,
  objectStorage: objectStorageOf(config),
  adminUsernames: config.ADMIN_USERNAMES,
  metricsToken: config.METRICS_TOKEN,
  logLevel: config.LOG_LEVEL,
});

/** Runs an entry's main: a bad setting is one clear message and exit code 1, not a stack trace. */
export function runMain(main: () => Promise<void>): void {
  main().catch((error) => {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  });
}

function exit(text: string, code: number): never {
  console.log(text);
  process.exit(code);
}
