import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { listeningPort, stopProcess } from "../scripts/child-server.ts";
import type { Wire } from "./job.ts";

export const root = join(import.meta.dir, "..");
const bun = process.execPath;

export type TargetName = "ceiling" | "parley" | "socketio";

export const targets: Record<TargetName, { label: string; wire: Wire }> = {
  ceiling: { label: "ceiling (bare Bun pub/sub)", wire: "bare" },
  parley: { label: "Parley (stores every message)", wire: "parley" },
  socketio: { label: "Socket.IO 4 on Node", wire: "socketio" },
};

export interface Running {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Starts one server on a free loopback port and waits for its "listening on" line. */
export async function startTarget(
  name: TargetName,
  /** `checkout`: another copy of Parley to run (bench/compare.ts); this one by default. */
  options: { dataDir?: string; env?: Record<string, string>; checkout?: string } = {},
): Promise<Running> {
  const command: Record<TargetName, [string, string[]]> = {
    ceiling: [bun, ["bench/servers/ceiling.ts"]],
    parley: [bun, ["src/runtime/bun.ts"]],
    socketio: ["node", ["bench/servers/socketio.mjs"]],
  };
  const [program, args] = command[name];
  const ownDir = name === "parley" && !options.dataDir ? mkdtempSync(join(tmpdir(), "parley-bench-")) : null;
  // REDIS_URL reaches a server only when a scenario asks for it: (a)–(c) measure one instance.
  const { REDIS_URL: _, ...inherited } = process.env;
  const child = spawn(program, args, {
    cwd: options.checkout ?? root,
    env: {
      ...inherited,
      PORT: "0",
      DATA_DIR: options.dataDir ?? ownDir ?? "",
      RATE_LIMIT: "off",
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
    },
  };
}
