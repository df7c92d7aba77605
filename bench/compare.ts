/**
 * `npx bun bench/compare.ts [ref] [--rounds N]`: scenario (a), fan-out, against Parley at a git
 * ref (default: main's previous commit, HEAD~1) and against this working tree, interleaved
 * round by round on fresh servers, so both see the same machine load. Prints each round and the
 * median ratio of the working tree to the ref: a change to the message path should not fall
 * below about 0.95 (the noise between rounds).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ClosedResult } from "./job.ts";
import { load } from "./load-process.ts";
import { modes } from "./modes.ts";
import { root, startTarget } from "./servers.ts";

const args = process.argv.slice(2);
const roundsAt = args.indexOf("--rounds");
const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : 3;
const ref = args.find((arg, i) => !arg.startsWith("--") && i !== roundsAt + 1) ?? "HEAD~1";
const job = modes.quick.fanout;

/** A checkout of `ref` beside this one, sharing its node_modules (the same dependencies). */
function checkoutOf(gitRef: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "parley-compare-"));
  execFileSync("git", ["worktree", "add", "--detach", dir, gitRef], { cwd: root, stdio: "ignore" });
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
  return {
    dir,
    remove: () => {
      execFileSync("git", ["worktree", "remove", "--force", dir], { cwd: root, stdio: "ignore" });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function fanout(checkout: string | undefined): Promise<number> {
  const server = await startTarget("parley", { checkout });
  try {
    const target = { name: "parley", wire: "parley" as const, urls: [server.url], pids: [server.pid] };
    return (await load<ClosedResult>({ target, job })).deliveriesPerSecond;
  } finally {
    await server.stop();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

async function main() {
  const before = checkoutOf(ref);
  const results: { before: number; after: number }[] = [];
  try {
    for (let round = 1; round <= rounds; round++) {
      // Alternate which goes first, so a warming or cooling machine favours neither.
      const first = round % 2 === 1 ? "before" : "after";
      const a = await fanout(first === "before" ? before.dir : undefined);
      const b = await fanout(first === "before" ? undefined : before.dir);
      const result = first === "before" ? { before: a, after: b } : { before: b, after: a };
      results.push(result);
      console.log(
        `round ${round}: ${ref} ${Math.round(result.before).toLocaleString("en")} · working tree ${Math.round(result.after).toLocaleString("en")} deliveries/s (${(result.after / result.before).toFixed(3)}×)`,
      );
    }
  } finally {
    before.remove();
  }
  const ratio = median(results.map((r) => r.after / r.before));
  console.log(
    `\nfan-out, 1 room × ${job.clientsPerRoom} clients, bursts of ${job.burst}, ${rounds} interleaved rounds:\n` +
      `  ${ref}: median ${Math.round(median(results.map((r) => r.before))).toLocaleString("en")} deliveries/s\n` +
      `  working tree: median ${Math.round(median(results.map((r) => r.after))).toLocaleString("en")} deliveries/s\n` +
      `  ratio (median of rounds): ${ratio.toFixed(3)}×`,
  );
}

main();
