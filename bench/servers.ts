import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { listeningPort, stopProcess } from "../scripts/child-server.ts";
import type { Wire } from "./job.ts";
import { freshDatabase } from "./postgres-db.ts";

// import.meta.dirname, not Bun's import.meta.dir: the report's tests load this file on Node.
export const root = join(import.meta.dirname, "..");
const bun = process.execPath;

export type TargetName =
  | "ceiling"
  | "padded"
  | "batched"
  | "stored"
  | "searched"
  | "parley"
  | "parley-pg"
  | "parley-node"
  | "parley-deno"
  | "socketio";

export const targets: Record<TargetName, { label: string; wire: Wire }> = {
  ceiling: { label: "ceiling (bare Bun pub/sub, 20-byte frames)", wire: "bare" },
  padded: { label: "ceiling padded to Parley's frame size", wire: "bare" },
  batched: { label: "padded ceiling, a room's texts of one turn in one frame (as Parley sends)", wire: "bare" },
  stored: { label: "batched ceiling that stores each turn in SQLite before publishing it", wire: "bare" },
  searched: { label: "storing ceiling that also keeps Parley's search index of what it stored", wire: "bare" },
  parley: { label: "Parley (stores every message, SQLite)", wire: "parley" },
  "parley-pg": { label: "Parley on PostgreSQL", wire: "parley" },
  "parley-node": { label: "Parley on Node (better-sqlite3, ws)", wire: "parley" },
  "parley-deno": { label: "Parley on Deno (node:sqlite)", wire: "parley" },
  socketio: { label: "Socket.IO 4 on Node", wire: "socketio" },
};

export interface Running {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts one server on a free loopback port and waits for its "listening on" line. Parley on
 * PostgreSQL gets a fresh database of its own (dropped when it stops) unless `env` names one.
 */
export async function startTarget(
  name: TargetName,
  /** `checkout`: another copy of Parley to run (bench/compare.ts); this one by default. */
  options: { dataDir?: string; env?: Record<string, string>; checkout?: string } = {},
): Promise<Running> {
  const command: Record<TargetName, [string, string[]]> = {
    ceiling: [bun, ["bench/servers/ceiling.ts"]],
    padded: [bun, ["bench/servers/ceiling.ts"]],
    batched: [bun, ["bench/servers/ceiling.ts"]],
    stored: [bun, ["bench/servers/ceiling.ts"]],
    searched: [bun, ["bench/servers/ceiling.ts"]],
    // PROFILE_DIR=<folder>: Parley on Bun writes a CPU profile there when it stops (where its time goes, per scenario);
    // PROFILE_INTERVAL=<µs> samples more often than every 1,000 µs (a 6 s round then gives enough samples).
    parley: [
      bun,
      [
        ...(process.env.PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.PROFILE_DIR}`] : []),
        ...(process.env.PROFILE_DIR && process.env.PROFILE_INTERVAL
          ? [`--cpu-prof-interval=${process.env.PROFILE_INTERVAL}`]
          : []),
        "src/runtime/bun.ts",
      ],
    ],
    "parley-pg": [bun, ["src/runtime/bun.ts"]],
    "parley-node": ["node", ["--import", "tsx", "src/runtime/node.ts"]],
    "parley-deno": [
      join(root, "node_modules/.bin/deno"),
      ["run", "--allow-env", "--allow-net", "--allow-read", "--allow-write", "--allow-sys", "src/runtime/deno.ts"],
    ],
    socketio: ["node", ["bench/servers/socketio.mjs"]],
  };
  const [program, args] = command[name];
  const isParley = name.startsWith("parley");
  const ownDir = isParley && !options.dataDir ? mkdtempSync(join(tmpdir(), "parley-bench-")) : null;
  const database = name === "parley-pg" && !options.env?.DATABASE_URL ? await freshDatabase() : null;
  // REDIS_URL reaches a server only when a scenario asks for it: (a)–(c) measure one instance.
  const { REDIS_URL: _, ...inherited } = process.env;
  const child = spawn(program, args, {
    cwd: options.checkout ?? root,
    env: {
      ...inherited,
      PORT: "0",
      DATA_DIR: options.dataDir ?? ownDir ?? "",
      RATE_LIMIT: "off",
      ...((name === "batched" || name === "stored" || name === "searched") && { BATCH: "1" }),
      ...((name === "stored" || name === "searched") && { STORE: "1" }),
      ...(name === "searched" && { SEARCH: "1" }),
      ...(database && { DATABASE_URL: database.url }),
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const port = await listeningPort(child);
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid as number,
    stop: async () => {
      await stopProcess(child);
      if (ownDir) rmSync(ownDir, { recursive: true, force: true });
      await database?.drop();
    },
  };
}
