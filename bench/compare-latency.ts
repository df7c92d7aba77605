/**
 * `npx bun bench/compare-latency.ts [--rate N] [--rounds N] [--seconds N] [--steps N] [--warm-up S] [ref]`: scenario (b) at one
 * fixed rate (1,000 msg/s by default, 100 rooms × 10), Parley against the padded ceiling, each on a
 * fresh server, interleaved round by round; with a git ref, that Parley is a third column. Prints
 * each round's p50, p99 and p99.9 and the median p99 ratio: the quick check for a change to one
 * message's path, where the full run takes half an hour. `--steps N` measures N steps in a row
 * on each server after the warm-up and prints each one's p99 (whether a server is still warming
 * up); the last step counts. `--warm-up S`: seconds at the rate before the first step, unrecorded
 * (15 by default, as the full run; 0 measures a server just started).
 */
import { checkoutOf } from "./checkout.ts";
import { commandLine } from "./cli.ts";
import { median } from "./fanout-round.ts";
import type { OpenResult, Wire } from "./job.ts";
import { load } from "./load-process.ts";
import { modes } from "./modes.ts";
import { startTarget, type TargetName } from "./servers.ts";

const { option, bare } = commandLine();
const rate = Number(option("--rate") ?? 1_000);
const rounds = Number(option("--rounds") ?? 3);
const seconds = Number(option("--seconds") ?? modes.full.fixedRates.stepSeconds);
const steps = Number(option("--steps") ?? 1);
const warmUpSeconds = Number(option("--warm-up") ?? modes.full.fixedRates.warmUpSeconds ?? 0);
const ref = bare(["--rate", "--rounds", "--seconds", "--steps", "--warm-up"]);
/** Parley's frame in (a), to which the padded ceiling pads its texts (bench/run.ts measures it). */
const parleyFrameBytes = "405";

async function step(name: TargetName, checkout?: string) {
  const server = await startTarget(name, { checkout, env: name === "padded" ? { PAD_TO: parleyFrameBytes } : {} });
  try {
    const wire: Wire = name === "padded" ? "bare" : "parley";
    const target = { name, wire, urls: [server.url], pids: [server.pid] };
    const job = {
      ...modes.full.fixedRates,
      stepSeconds: seconds,
      rates: Array<number>(steps).fill(rate),
      warmUpSeconds,
    };
    const result = await load<OpenResult>({ target, job });
    const found = result.steps.at(-1);
    if (!found) throw new Error(`${name}: no step measured`);
    if (steps > 1) console.log(`  ${name}: p99 step by step ${result.steps.map((s) => s.p99).join(", ")} ms`);
    return found;
  } finally {
    await server.stop();
  }
}

async function main() {
  const before = ref ? checkoutOf(ref) : null;
  const sides: { label: string; name: TargetName; checkout?: string }[] = [
    { label: "padded ceiling", name: "padded" },
    { label: "Parley (working tree)", name: "parley" },
    ...(before ? [{ label: `Parley at ${ref}`, name: "parley" as const, checkout: before.dir }] : []),
  ];
  const p99s = new Map<string, number[]>(sides.map((s) => [s.label, []]));
  try {
    for (let round = 1; round <= rounds; round++) {
      const shift = round % sides.length;
      for (const side of [...sides.slice(shift), ...sides.slice(0, shift)]) {
        const result = await step(side.name, side.checkout);
        p99s.get(side.label)?.push(result.p99);
        console.log(
          `round ${round}: ${side.label}: p50 ${result.p50} ms, p99 ${result.p99} ms, p99.9 ${result.p999} ms, ` +
            `server CPU ${result.server.cpuPercent}%`,
        );
      }
    }
  } finally {
    before?.remove();
  }
  const ceiling = median(p99s.get("padded ceiling") ?? []);
  console.log(`\np99 at ${rate.toLocaleString("en")} msg/s, 100 rooms × 10, ${rounds} rounds (medians):`);
  for (const side of sides) {
    const p99 = median(p99s.get(side.label) ?? []);
    console.log(`  ${side.label}: ${p99} ms (${(p99 / ceiling).toFixed(2)}× the padded ceiling)`);
  }
}

main();
