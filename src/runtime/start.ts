import { mkdirSync } from "node:fs";
import { join } from "node:path";
import pkg from "../../package.json" with { type: "json" };
import type { Deps } from "../app-env.ts";
import { createBus, createFaults, createLimiter, createPresence } from "../bus/from-config.ts";
import { type Config, ConfigError, loadSettings } from "../config.ts";
import { diskFolder, sweepTemporaryFiles } from "../files/disk-folder.ts";
import { helpText, parseFlags } from "../flags.ts";
import { openPostgres } from "../store/pg/open.ts";
import type { Store } from "../store/store.ts";

type SharedDeps = Omit<Deps, "fanout" | "passwords" | "upgradeWebSocket" | "serveStatic" | "remoteAddress">;

/**
 * What every entry opens the same way: settings, the database (PostgreSQL when DATABASE_URL is
 * a postgres:// URL, else SQLite in DATA_DIR through the runtime's driver), and the bus.
 * `close` releases the bus and the database at shutdown.
 */
/** Opens a SQLite file; `shared`: other instances may write to it too. */
type OpenSqlite = (path: string, options: { shared: boolean }) => Promise<Store>;

export async function openParts(openSqlite: OpenSqlite) {
  const config = readSettings(pkg.version);
  // DATA_DIR stays on PostgreSQL too: uploads live there (a folder every host shares).
  mkdirSync(config.DATA_DIR, { recursive: true });
  const store = await openStore(config, openSqlite);
  const bus = await createBus(config, store);
  const faults = createFaults(config, bus);
  const presence = await createPresence(config, store, faults);
  const limiter = await createLimiter(config, store, faults);
  const filesRoot = join(config.DATA_DIR, "files");
  // What a crash left half written (an hour ago or more, so no instance is still writing it).
  sweepTemporaryFiles(filesRoot, new Date(Date.now() - 60 * 60 * 1000)).catch(() => {});
  const deps: SharedDeps = {
    config,
    store,
    files: diskFolder(filesRoot),
    bus,
    presence,
    limiter,
    redisFaults: faults,
    version: pkg.version,
    startedAt: new Date(),
    now: () => new Date(),
  };
  const close = async () => {
    await presence.close();
    await limiter.close();
    await bus.close();
    await store.close();
  };
  return { config, deps, close, version: pkg.version };
}

function openStore(config: Config, openSqlite: OpenSqlite): Promise<Store> {
  const url = config.DATABASE_URL;
  if (url && /^postgres(ql)?:/.test(url)) return openPostgresOrSay(url);
  // Instances that share Redis on one host share the file in DATA_DIR too.
  return openSqlite(join(config.DATA_DIR, "parley.db"), { shared: config.REDIS_URL !== undefined });
}

/** A PostgreSQL that cannot be reached or refuses us is a setting to fix: one line, no stack. */
async function openPostgresOrSay(url: string): Promise<Store> {
  try {
    return await openPostgres(url);
  } catch (error) {
    const { host, pathname } = new URL(url);
    throw new ConfigError(
      `DATABASE_URL: could not open PostgreSQL at ${host}${pathname}: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}

/**
 * The settings every entry starts from: flags over environment. `--help` and `--version`
 * print and exit here, so each runtime's entry only ever sees a valid Config.
 */
export function readSettings(version: string): Config {
  const invocation = parseFlags(process.argv.slice(2));
  if ("help" in invocation) exit(helpText(version), 0);
  if ("version" in invocation) exit(version, 0);
  if ("error" in invocation) throw new ConfigError(invocation.error);
  return loadSettings(invocation.run);
}

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
