import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Deps } from "../app-env.ts";
import type { Bus } from "../bus/bus.ts";
import { chooseBus, createFaults, createLimiter, createPresence } from "../bus/from-config.ts";
import { type Config, ConfigError, objectStorageOf } from "../config.ts";
import { bucketFolder } from "../files/bucket-folder.ts";
import { diskFolder, sweepTemporaryFiles } from "../files/disk-folder.ts";
import type { FileFolder } from "../files/file-folder.ts";
import { type Log, linesTo } from "../logs/logger.ts";
import type { Metrics } from "../metrics/metrics.ts";
import { openPostgres } from "../store/pg/open.ts";
import type { Store } from "../store/store.ts";

/** Opens a SQLite file with the runtime's driver; `shared`: other instances may write to it too. */
export type OpenSqlite = (path: string, options: { shared: boolean; log?: (line: string) => void }) => Promise<Store>;

export type SharedDeps = Omit<Deps, "fanout" | "passwords" | "upgradeWebSocket" | "serveStatic" | "remoteAddress">;

/**
 * What every runtime opens the same way: the database (PostgreSQL for a postgres:// URL, else
 * SQLite in DATA_DIR through the runtime's driver), the bus, presence and the limits.
 * `close` releases them at shutdown, the store last (it commits the writes already queued).
 */
export async function openParts(
  config: Config,
  openSqlite: OpenSqlite,
  version: string,
  observed: { log?: Log; metrics?: Metrics } = {},
) {
  const { log, metrics } = observed;
  const lines = log ? linesTo(log, "warn") : undefined;
  // DATA_DIR stays on PostgreSQL too: uploads live there (a folder every host shares).
  mkdirSync(config.DATA_DIR, { recursive: true });
  const chosen = chooseBus(config, { log: lines, lag: metrics?.busLag });
  const store = await openStore(config, openSqlite, chosen, lines);
  if (metrics) store.onCommit?.(metrics.committed);
  const bus = await chosen.open(store);
  const faults = createFaults(bus, lines);
  const presence = await createPresence(config, store, faults, lines);
  const limiter = await createLimiter(config, store, faults, lines);
  const deps: SharedDeps = {
    config,
    store,
    files: openFiles(config),
    bus,
    presence,
    limiter,
    redisFaults: faults,
    version,
    startedAt: new Date(),
    now: () => new Date(),
    log,
    metrics,
  };
  const close = async () => {
    await presence.close();
    await limiter.close();
    await bus.close();
    await store.close();
  };
  return { deps, close };
}

/** Uploads in the bucket the settings name, else in DATA_DIR/files. */
function openFiles(config: Config): FileFolder {
  const bucket = objectStorageOf(config);
  if (bucket) return bucketFolder(bucket);
  const root = join(config.DATA_DIR, "files");
  // What a crash left half written (an hour ago or more, so no instance is still writing it).
  sweepTemporaryFiles(root, new Date(Date.now() - 60 * 60 * 1000)).catch(() => {});
  return diskFolder(root);
}

function openStore(
  config: Config,
  openSqlite: OpenSqlite,
  bus: Pick<Bus, "shared">,
  log?: (line: string) => void,
): Promise<Store> {
  const url = config.DATABASE_URL;
  if (url && /^postgres(ql)?:/.test(url)) return openPostgresOrSay(url);
  // Instances that share a bus on one host share the file in DATA_DIR too.
  return openSqlite(join(config.DATA_DIR, "parley.db"), { shared: bus.shared, log });
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
