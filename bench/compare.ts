/**
 * `npx bun bench/compare.ts [ref] [--rounds N] [--bursts N] [--clients N] [--server parley-node|parley-deno|parley-pg]`:
 * scenario (a), fan-out (or (a′) with `--bursts 2`, a room of N with `--clients N`), against Parley at a git
 * ref (default: main's previous commit, HEAD~1) and against this working tree, interleaved
 * round by round on fresh servers, so both see the same machine load. Prints each round and the
 * median ratios of the working tree to the ref, of deliveries per second and of deliveries per
 * server CPU-second (steadier on a busy machine: it does not count time the server waited for
 * a core). A change to the message path should not fall below about 0.95 on either.
 */
import { checkoutOf } from "./checkout.ts";
import { commandLine } from "./cli.ts";
import { type Figures, fanoutJob, fanoutRound, figure, median } from "./fanout-round.ts";
import type { TargetName } from "./servers.ts";

const { option, bare } = commandLine();
const rounds = Number(option("--rounds") ?? 3);
const job = {
  ...fanoutJob,
  burst: Number(option("--bursts") ?? fanoutJob.burst),
  clientsPerRoom: Number(option("--clients") ?? fanoutJob.clientsPerRoom),
};
const server = option("--server") as TargetName | undefined;
const ref = bare(["--rounds", "--bursts", "--clients", "--server"]) ?? "HEAD~1";

async function main() {
  const before = checkoutOf(ref);
  const results: { before: Figures; after: Figures }[] = [];
  try {
    for (let round = 1; round <= rounds; round++) {
      // Alternate which goes first, so a warming or cooling machine favours neither.
      const beforeFirst = round % 2 === 1;
      const options = { burst: job.burst, clients: job.clientsPerRoom, server };
      const a = await fanoutRound({ ...options, checkout: beforeFirst ? before.dir : undefined });
      const b = await fanoutRound({ ...options, checkout: beforeFirst ? undefined : before.dir });
      const result = beforeFirst ? { before: a, after: b } : { before: b, after: a };
      results.push(result);
      console.log(
        `round ${round}: ${ref} ${figure(result.before.rate)}/s (${figure(result.before.efficiency)} per CPU-s) · ` +
          `working tree ${figure(result.after.rate)}/s (${figure(result.after.efficiency)} per CPU-s)`,
      );
    }
  } finally {
    before.remove();
  }
  const of = (side: "before" | "after", key: keyof Figures) => median(results.map((r) => r[side][key]));
  const ratio = (key: keyof Figures) => median(results.map((r) => r.after[key] / r.before[key])).toFixed(3);
  console.log(
    `\nfan-out, 1 room × ${job.clientsPerRoom} clients, bursts of ${job.burst}, ${rounds} interleaved rounds (medians):\n` +
      `  ${ref}: ${figure(of("before", "rate"))} deliveries/s, ${figure(of("before", "efficiency"))} per server CPU-second\n` +
      `  working tree: ${figure(of("after", "rate"))} deliveries/s, ${figure(of("after", "efficiency"))} per server CPU-second\n` +
      `  working tree ÷ ${ref}: ${ratio("rate")}× deliveries/s, ${ratio("efficiency")}× per server CPU-second`,
  );
}

main();
