/** What the command line asks for: run with these settings, or print help or the version. */
export type Invocation = { run: Record<string, string> } | { help: true } | { version: true } | { error: string };

/** Flags name the same settings as the environment (`--data-dir` is `DATA_DIR`); flags win. */
const settingFlags: Record<string, string> = {
  "--port": "PORT",
  "--data-dir": "DATA_DIR",
  "--redis-url": "REDIS_URL",
  "--redis-cluster-nodes": "REDIS_CLUSTER_NODES",
  "--bus-namespace": "BUS_NAMESPACE",
  "--database-url": "DATABASE_URL",
  "--public-origin": "PUBLIC_ORIGIN",
  "--push-subject": "PUSH_SUBJECT",
  "--rate-limit": "RATE_LIMIT",
  "--trust-proxy": "TRUST_PROXY",
  "--admin-usernames": "ADMIN_USERNAMES",
  "--log-level": "LOG_LEVEL",
  "--drain-delay-ms": "DRAIN_DELAY_MS",
};

/** Parses `--name value` and `--name=value`; validation of the values is config.ts's job. */
export function parseFlags(args: readonly string[]): Invocation {
  return parseNamed(args, settingFlags);
}

/** What `parley backup` is asked: the folder to write (`--to`, checked by src/backup/backup.ts) and the settings. */
export type BackupInvocation =
  | { backup: { to?: string; settings: Record<string, string> } }
  | { help: true }
  | { error: string };

/** `parley backup --to <folder> [--data-dir <path>]`: the arguments after the word `backup`. */
export function parseBackupFlags(args: readonly string[]): BackupInvocation {
  const parsed = parseNamed(args, { ...settingFlags, "--to": "TO" });
  if (!("run" in parsed)) return "version" in parsed ? { error: "backup takes no --version" } : parsed;
  const { TO: to, ...settings } = parsed.run;
  return { backup: { to, settings } };
}

function parseNamed(args: readonly string[], flags: Record<string, string>): Invocation {
  const settings: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--help" || arg === "-h") return { help: true };
    if (arg === "--version" || arg === "-v") return { version: true };
    const [name = "", inline] = arg.split(/=(.*)/s, 2);
    const setting = flags[name];
    if (!setting) return { error: `unknown option ${arg} (see --help)` };
    const value = inline ?? args[++i];
    if (value === undefined) return { error: `${name} needs a value` };
    settings[setting] = value;
  }
  return { run: settings };
}

export function helpText(version: string): string {
  return `Parley ${version}: realtime chat rooms, HTML over WebSockets.

Usage: parley [options]
       parley backup --to <folder> [--data-dir <path>]
                  an online copy of DATA_DIR that starts as a DATA_DIR (SQLite only)

Each option can also be set in the environment (shown on the right); options win.
  --port <n>             HTTP port, 0 picks a free one (default 3000)        PORT
  --data-dir <path>      folder for the SQLite database (./data)             DATA_DIR
  --redis-url <url>      redis:// bus shared by several instances (unset)    REDIS_URL
  --redis-cluster-nodes <host:port,…>
                         a Redis Cluster instead of --redis-url (unset)      REDIS_CLUSTER_NODES
  --bus-namespace <name> Redis channel prefix (unset: an id in the database) BUS_NAMESPACE
  --database-url <url>   postgres:// for many hosts (unset: SQLite)          DATABASE_URL
  --public-origin <url>  public origin behind a proxy, e.g. https://chat.example.com
                                                                             PUBLIC_ORIGIN
  --push-subject <url>   mailto: or https: told to push services (unset: from PUBLIC_ORIGIN)
                                                                             PUSH_SUBJECT
  --rate-limit on|off    off lifts every rate limit (load tests only)        RATE_LIMIT
  --trust-proxy <n>      proxies in front that append X-Forwarded-For (0)    TRUST_PROXY
  --admin-usernames <a,b> administrators besides the first account (unset)   ADMIN_USERNAMES
  --log-level <level>    fatal, error, warn, info, debug, trace, silent (info) LOG_LEVEL
  --drain-delay-ms <n>   /readyz says "draining" this long before stopping (0) DRAIN_DELAY_MS
  -h, --help             show this help
  -v, --version          print the version

Uploads in an S3-compatible bucket instead of DATA_DIR/files: S3_BUCKET, S3_ACCESS_KEY_ID,
S3_SECRET_ACCESS_KEY, S3_ENDPOINT and S3_REGION, in the environment only (a key on the command
line shows in every process list).
METRICS_TOKEN (environment only, so it stays out of the process list) turns on GET /metrics
for requests with "Authorization: Bearer <token>".

Secrets: none to set. Session cookies and API tokens are random values; the database keeps
only their SHA-256, so a copy of the data folder opens no account. The key that signs this
deployment's messages on Redis is made once and kept in the database too.`;
}

export const backupHelpText = `Usage: parley backup --to <folder> [--data-dir <path>]

Copies a running deployment's DATA_DIR into <folder> (new or empty): the SQLite database
through VACUUM INTO (a consistent snapshot, taken while the server keeps writing), the uploads
and everything else in it. Start a server with DATA_DIR=<folder> to restore. With DATABASE_URL
(PostgreSQL) use pg_dump and pg_restore instead.`;
