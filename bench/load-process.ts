import { spawn } from "node:child_process";
import type { LoadRequest, Result } from "./job.ts";
import { root } from "./servers.ts";

/** No single load run may outlive this: the process is killed and the run counts as an error. */
const loadTimeoutMs = 8 * 60_000;

/** Runs one job in a load-generator process of its own (so its work never counts as the server's). */
export async function load<T extends Result>(request: LoadRequest): Promise<T> {
  const child = spawn(process.execPath, ["bench/load/main.ts", JSON.stringify(request)], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), loadTimeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  clearTimeout(timer);
  if (code !== 0) throw new Error(`load generator exited with ${code}`);
  return JSON.parse(output.trim().split("\n").pop() as string) as T;
}
