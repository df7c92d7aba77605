/**
 * `npx bun bench/storing-ceiling.ts [--bursts N] [--clients N] [--rounds N] [--rate N]`: what
 * keeping every message costs the simplest server, beside Parley. Four servers, each fresh, in
 * rotated order round by round:
 * - the batched padded ceiling (the reference of every fan-out ratio),
 * - the storing ceiling: the same server committing each turn's texts to SQLite before it
 *   publishes them (bench/servers/stored-turns.ts), the least a server that keeps every message does,
 * - the searching ceiling: the storing ceiling keeping Parley's search index of them too,
 * - Parley.
 * Fan-out by default (scenario (a), or (a′) with `--bursts 2`): median deliveries/s and server
 * CPU-µs per delivery, and the ratios. With `--rate N`, scenario (b) at that fixed rate instead,
 * the padded ceiling (one frame per text, publishing at once) as the reference: median p99s.
 */
import { commandLine } from "./cli.ts";
import { fanoutJob, fanoutRound, median } from "./fanout-round.ts";
import type { OpenResult } from "./job.ts";
import { load } from "./load-process.ts";
import { modes } from "./modes.ts";
import { startTarget, type TargetName, targets } from "./servers.ts";

const { option } = commandLine();
const rounds = Number(option("--rounds") ?? 3);
const rate = option("--rate") ? Number(option("--rate")) : null;
const fanout = {
  ...fanoutJob,
  burst: Number(option("--bursts") ?? fanoutJob.burst),
  clientsPerRoom: Number(option("--clients") ?? fanoutJob.clientsPerRoom),
};
const latency = { ...modes.full.fixedRates, rates: [rate ?? 1_000] };
const names: TargetName[] = [rate ? "padded" : "batched", "stored", "searched", "parley"];
/** Parley's frame in (a); each round's Parley measures it again for the rounds after it. */
let padTo = 405;

interface Figures {
  /** Fan-out: deliveries/s; (b): p99 in ms. */
  main: number;
  /** Fan-out: server CPU-µs per delivery; (b): p50 in ms. */
  second: number;
}

async function measure(name: TargetName): Promise<Figures> {
  const env: Record<string, string> = name === "parley" ? {} : { PAD_TO: String(padTo) };
  if (!rate) {
    const round = await fanoutRound({ server: name, env, burst: fanout.burst, clients: fanout.clientsPerRoom });
    if (name === "parley") padTo = round.bytesPerDelivery;
    return { main: round.rate, second: 1e6 / round.efficiency };
  }
  const server = await startTarget(name, { env });
  try {
    const target = { name, wire: targets[name].wire, urls: [server.url], pids: [server.pid] };
    const step = (await load<OpenResult>({ target, job: latency })).steps[0];
    if (!step) throw new Error(`${name}: no step measured`);
    return { main: step.p99, second: step.p50 };
  } finally {
    await server.stop();
  }
}

async function main() {
  const results = new Map<TargetName, Figures[]>(names.map((name) => [name, []]));
  for (let round = 1; round <= rounds; round++) {
    const shift = (round - 1) % names.length;
    for (const name of [...names.slice(shift), ...names.slice(0, shift)]) {
      const figures = await measure(name);
      results.get(name)?.push(figures);
      console.log(
        rate
          ? `round ${round}: ${name}: p50 ${figures.second} ms, p99 ${figures.main} ms`
          : `round ${round}: ${name}: ${Math.round(figures.main).toLocaleString("en")} deliveries/s, ${figures.second.toFixed(3)} CPU-µs per delivery`,
      );
    }
  }
  const of = (name: TargetName, key: keyof Figures) => median((results.get(name) ?? []).map((f) => f[key]));
  const [reference] = names as [TargetName];
  if (rate) {
    console.log(`\np99 at ${rate.toLocaleString("en")} msg/s, 100 rooms × 10, ${rounds} rounds (medians):`);
    for (const name of names) {
      console.log(
        `  ${name}: ${of(name, "main")} ms (${(of(name, "main") / of(reference, "main")).toFixed(2)}× the padded ceiling)`,
      );
    }
    for (const ceiling of ["stored", "searched"] as const)
      console.log(`  Parley ÷ ${ceiling} ceiling: ${(of("parley", "main") / of(ceiling, "main")).toFixed(2)}×`);
    return;
  }
  console.log(`\nfan-out, 1 room × ${fanout.clientsPerRoom}, bursts of ${fanout.burst}, ${rounds} rounds (medians):`);
  for (const name of names) {
    console.log(
      `  ${name}: ${Math.round(of(name, "main")).toLocaleString("en")} deliveries/s (${(of(name, "main") / of(reference, "main")).toFixed(3)}× the batched ceiling), ` +
        `${of(name, "second").toFixed(3)} CPU-µs per delivery`,
    );
  }
  for (const ceiling of ["stored", "searched"] as const)
    console.log(
      `  Parley ÷ ${ceiling} ceiling: ${(of("parley", "main") / of(ceiling, "main")).toFixed(3)}× deliveries/s, ` +
        `${(of(ceiling, "second") / of("parley", "second")).toFixed(3)}× per server CPU-second`,
    );
}

main();
