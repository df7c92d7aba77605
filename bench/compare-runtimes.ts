/**
 * `npx bun bench/compare-runtimes.ts [--rounds N] [--bursts N] [--clients N] [--servers a,b,…] [--ref R]`:
 * scenario (a), fan-out, on Parley under Bun, Node and Deno and on Socket.IO 4 on Node,
 * interleaved round by round on fresh servers (the order rotates each round), so all see the
 * same machine load. Prints each round and, from the medians, every runtime's ratio to
 * Socket.IO on Node in deliveries per second and per server CPU-second. `--ref` runs Parley
 * as it is at that git ref (main, say) rather than this working tree.
 */

import { checkoutOf } from "./checkout.ts";
import { commandLine } from "./cli.ts";

import { type Figures, fanoutJob, fanoutRound, figure, median } from "./fanout-round.ts";
import type { TargetName } from "./servers.ts";

const { option } = commandLine();
const rounds = Number(option("--rounds") ?? 3);
const job = {
  ...fanoutJob,
  burst: Number(option("--bursts") ?? fanoutJob.burst),
  clientsPerRoom: Number(option("--clients") ?? fanoutJob.clientsPerRoom),
};
const servers = (option("--servers") ?? "parley,parley-node,parley-deno,socketio").split(",") as TargetName[];
const reference: TargetName = "socketio";
const ref = option("--ref");

const measure = (name: TargetName, checkout?: string): Promise<Figures> =>
  fanoutRound({
    server: name,
    checkout: name.startsWith("parley") ? checkout : undefined,
    burst: job.burst,
    clients: job.clientsPerRoom,
  });

async function main() {
  const results = new Map<TargetName, Figures[]>(servers.map((name) => [name, []]));
  const checkout = ref ? checkoutOf(ref) : undefined;
  try {
    await rotate(results, checkout?.dir);
  } finally {
    checkout?.remove();
  }
  report(results);
}

async function rotate(results: Map<TargetName, Figures[]>, checkout?: string) {
  for (let round = 0; round < rounds; round++) {
    // Rotate who goes first, so a warming or cooling machine favours none.
    const order = servers.map((_, i) => servers[(i + round) % servers.length] as TargetName);
    for (const name of order) {
      const figures = await measure(name, checkout);
      results.get(name)?.push(figures);
      console.log(`round ${round + 1}: ${name} ${figure(figures.rate)}/s (${figure(figures.efficiency)} per CPU-s)`);
    }
  }
}

function report(results: Map<TargetName, Figures[]>) {
  const of = (name: TargetName, key: keyof Figures) => median((results.get(name) ?? []).map((f) => f[key]));
  console.log(
    `\nfan-out, 1 room × ${job.clientsPerRoom} clients, bursts of ${job.burst}, ${rounds} rounds (medians), Parley ${ref ? `at ${ref}` : "from the working tree"}:`,
  );
  for (const name of servers) {
    const versus = servers.includes(reference)
      ? ` · ${(of(name, "rate") / of(reference, "rate")).toFixed(2)}× Socket.IO/s, ` +
        `${(of(name, "efficiency") / of(reference, "efficiency")).toFixed(2)}× per CPU-s`
      : "";
    console.log(
      `  ${name.padEnd(12)} ${figure(of(name, "rate")).padStart(10)} deliveries/s, ` +
        `${figure(of(name, "efficiency")).padStart(10)} per server CPU-s${versus}`,
    );
  }
}

main();
