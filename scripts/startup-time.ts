import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sparePort } from "./spare-port.ts";

/**
 * Start-up time to the first served request: spawns the command over a fresh data folder
 * (so each run creates and migrates its database), polls GET /healthz every 5 ms until it
 * answers 200, then stops it. Prints min / median / max over the runs.
 *   bun scripts/startup-time.ts [--runs 10] <command> [args…]
 */
const args = process.argv.slice(2);
const runs = args[0] === "--runs" ? Number(args[1]) : 10;
const command = args[0] === "--runs" ? args.slice(2) : args;
if (command.length === 0) throw new Error("usage: bun scripts/startup-time.ts [--runs N] <command> [args…]");

async function once(): Promise<number> {
  const port = await sparePort();
  const dataDir = mkdtempSync(join(tmpdir(), "parley-startup-"));
  const started = performance.now();
  const child = spawn(command[0] as string, command.slice(1), {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir },
    stdio: "ignore",
  });
  try {
    for (;;) {
      const ok = await fetch(`http://localhost:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return performance.now() - started;
      if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    child.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const times: number[] = [];
for (let i = 0; i < runs; i++) times.push(await once());
times.sort((a, b) => a - b);
const ms = (t: number | undefined) => `${Math.round(t ?? 0)} ms`;
console.log(
  `${command.join(" ")}: min ${ms(times[0])}, median ${ms(times[Math.floor(runs / 2)])}, max ${ms(times.at(-1))} (${runs} runs)`,
);
