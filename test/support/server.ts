import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { listeningPort, stopProcess } from "../../scripts/child-server.ts";

export const root = join(import.meta.dirname, "..", "..");
const bin = (name: string) => join(root, "node_modules", ".bin", name);

/** How to start one of Parley's entries as a process. */
export interface Launch {
  command: string;
  args: string[];
  /** Working folder; the checkout unless told (the binary runs from an empty one). */
  cwd?: string;
}

export const launches = {
  bun: { command: bin("bun"), args: ["src/runtime/bun.ts"] },
  // tsx as a loader in node's own process: the tsx command would put a wrapper between signals and the server.
  node: { command: process.execPath, args: ["--import", "tsx", "src/runtime/node.ts"] },
  // The same permissions as `npm run start:deno`.
  deno: {
    command: bin("deno"),
    args: ["run", "--allow-env", "--allow-net", "--allow-read", "--allow-write", "--allow-sys", "src/runtime/deno.ts"],
  },
} satisfies Record<string, Launch>;

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  /** Stops the process (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
  /** Sends the process a signal and does not wait: what happens meanwhile is the test's to see. */
  signal(name: NodeJS.Signals): void;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  /** Every line the process has written so far, standard output and error together. */
  lines(): string[];
}

/** Starts a real server as a child process (Bun from source unless told), on a free port unless told, over its own data folder. */
export async function startServer(
  options: { dataDir?: string; port?: number; env?: Record<string, string>; launch?: Launch } = {},
): Promise<RunningServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "parley-test-"));
  const launch: Launch = options.launch ?? launches.bun;
  const child = spawn(launch.command, launch.args, {
    cwd: launch.cwd ?? root,
    env: { ...process.env, PORT: String(options.port ?? 0), DATA_DIR: dataDir, RATE_LIMIT: "off", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  for (const stream of [child.stdout, child.stderr])
    stream?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const port = await listeningPort(child);
  const url = `http://localhost:${port}`;
  return {
    url,
    port,
    dataDir,
    stop: () => stopProcess(child),
    signal: (name) => void child.kill(name),
    exited,
    lines: () => output.split("\n").filter((line) => line !== ""),
  };
}

export function removeDataDir(server: RunningServer) {
  rmSync(server.dataDir, { recursive: true, force: true });
}
