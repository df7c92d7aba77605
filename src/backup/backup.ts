import { copyFile, mkdir, open, readdir, rm, stat } from "node:fs/promises";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { type Config, ConfigError } from "../config.ts";

/** Copies the live SQLite file to a new file, consistently: a runtime's driver does it. */
export type VacuumInto = (database: string, target: string) => void | Promise<void>;

export interface BackupReport {
  to: string;
  databaseBytes: number;
  files: number;
  /** Set when uploads live in a bucket: this backup holds the database only. */
  bucket?: string;
}

const databaseName = "parley.db";
/** The live database and SQLite's files beside it: copied through VACUUM INTO, never as files. */
const sqliteFiles = new Set([databaseName, `${databaseName}-wal`, `${databaseName}-shm`, `${databaseName}-journal`]);
/** disk-folder.ts's files being written: not yet stored, so not in the backup. */
const temporary = /^\..+\.tmp$/;

/**
 * An online backup of a running deployment's DATA_DIR into `to`, which then starts as a
 * DATA_DIR: `DATA_DIR=<to> parley` serves everything stored before the backup began.
 *
 * The database goes first, through SQLite's `VACUUM INTO`: one read transaction, so a snapshot
 * of every commit before it began, taken beside the server's writes (a reader blocks no writer
 * in WAL mode), into one compact file with no log beside it. Not SQLite's backup API: bun:sqlite
 * has no binding for it, and a step-by-step backup restarts whenever another connection writes,
 * which under steady traffic may be forever. A copy of the files would tear: the log and the
 * database change while they are read.
 *
 * Then everything else in DATA_DIR, uploads (`files/`) included. An upload's file is written
 * before the row that names it (src/files/uploads.ts), so every file the copied database names
 * was on disk before the copy began, and is copied. Files stored since are copied too, harmless.
 */
export async function backUp(config: Config, to: string | undefined, vacuumInto: VacuumInto): Promise<BackupReport> {
  const dataDir = resolve(config.DATA_DIR);
  const target = await checkedTarget(config, dataDir, to);
  const created = await mkdir(target, { recursive: true });
  try {
    const database = join(target, databaseName);
    await vacuumInto(join(dataDir, databaseName), database);
    await durable(database);
    const files = await copyRest(dataDir, target);
    const report: BackupReport = { to: target, databaseBytes: (await stat(database)).size, files };
    return config.S3_BUCKET ? { ...report, bucket: config.S3_BUCKET } : report;
  } catch (error) {
    // Half a backup must not pass for one: leave the target as it was found (absent or empty).
    if (created) await rm(created, { recursive: true, force: true });
    else for (const name of await readdir(target)) await rm(join(target, name), { recursive: true, force: true });
    throw error;
  }
}

/** The target folder, or a ConfigError saying why there will be no backup. */
async function checkedTarget(config: Config, dataDir: string, to: string | undefined) {
  if (!to) throw new ConfigError("backup needs the folder to write to: --to <folder> (a new or empty folder).");
  if (config.DATABASE_URL)
    throw new ConfigError(
      'backup copies a SQLite deployment, but DATABASE_URL is set: back PostgreSQL up with pg_dump (pg_dump -Fc -f parley.dump "$DATABASE_URL", restored with pg_restore), and DATA_DIR\'s uploads with any file copy (docs/operating.md, Backups and restore).',
    );
  if (!(await stat(join(dataDir, databaseName)).catch(() => null)))
    throw new ConfigError(`backup: no database at ${join(dataDir, databaseName)}. Is DATA_DIR (--data-dir) right?`);
  const target = resolve(to);
  const way = relative(dataDir, target);
  const outside = way === ".." || way.startsWith(`..${sep}`) || isAbsolute(way);
  if (!outside)
    throw new ConfigError(`backup: --to ${to} is inside DATA_DIR (${dataDir}); choose a folder outside it.`);
  const present = await readdir(target).catch((error) => {
    if ((error as { code?: string }).code === "ENOENT") return [];
    throw new ConfigError(`backup: cannot use --to ${to}: ${(error as Error).message}`);
  });
  if (present.length > 0)
    throw new ConfigError(`backup: --to ${to} is not empty; a backup goes into a new or empty folder.`);
  return target;
}

/** Copies DATA_DIR but the database (and temporary files) into `to`; the count of files copied. */
async function copyRest(from: string, to: string, top = true): Promise<number> {
  let copied = 0;
  for (const entry of await readdir(from, { withFileTypes: true })) {
    if ((top && sqliteFiles.has(entry.name)) || temporary.test(entry.name)) continue;
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) {
      await mkdir(target, { recursive: true });
      copied += await copyRest(source, target, false);
    } else if (entry.isFile()) {
      await copyFile(source, target);
      await durable(target);
      copied++;
    }
  }
  return copied;
}

/** On the disk before the backup says it is done. */
async function durable(path: string) {
  const file = await open(path, "r+");
  try {
    await file.sync();
  } finally {
    await file.close();
  }
}
