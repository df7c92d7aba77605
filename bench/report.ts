import type { ClosedResult, LatencyStep } from "./job.ts";
import { modes, saturatedPercent } from "./modes.ts";
import { checkTargets, cpuMicrosPerDelivery, efficiency, fmt, type Run, saturation } from "./results.ts";
import { columns, fixedRateServers, idleServers, latencyServers, reference, scenarioTable } from "./scenarios.ts";
import { type TargetName, targets } from "./servers.ts";

/** A step's server CPU, with the part of it in the kernel. */
const cpu = (s: LatencyStep) => `${s.server.cpuPercent}% (${s.server.kernelPercent}%)`;
const micros = (r: ClosedResult) => `${fmt(cpuMicrosPerDelivery(r), 2)} µs`;
const verdict = (met: boolean | null, gap: string) => (met === null ? "—" : met ? "met" : `**missed** (${gap})`);

/** The run as Markdown: conditions, one table per scenario, then the targets beside the figures. */
export function markdown(run: Run, chartFile: string): string {
  const c = run.conditions;
  const lines: string[] = [
    `# Parley benchmark (${run.mode} mode)`,
    "",
    `${c.date} · ${c.cpu}, ${c.cores} cores shared by servers and load generator, ${c.memoryGb} GB · load average at start ${c.loadAverage} · Bun ${c.bun}, Node ${c.node}`,
    "",
    `![chart](${chartFile})`,
    "",
    "## Targets",
    "",
    "| target | wanted | measured | |",
    "|---|---|---|---|",
    ...checkTargets(run).map((t) => `| ${t.what} | ${t.target} | ${t.measured} | ${verdict(t.met, t.gap)} |`),
    "",
  ];

  const table = scenarioTable(run);
  const shown = columns.filter((name) => table.some((row) => row.values[name] !== undefined));
  lines.push(
    "## Every scenario",
    "",
    `| scenario | ${shown.map((name) => targets[name].label).join(" | ")} |`,
    `|---|${shown.map(() => "--:").join("|")}|`,
  );
  for (const row of table) {
    const limit = row.values[reference];
    const cell = (name: TargetName) => {
      const value = row.values[name];
      if (value === undefined) return "—";
      const text = `${fmt(value, row.digits ?? (value < 100 ? 1 : 0))} ${row.unit}`;
      // Throughput beside the batched ceiling's: the like-for-like limit for HTML sent as Parley sends it.
      const beside = row.unit === "deliveries/s" && limit && name !== reference ? ` (${fmt(value / limit, 2)}×)` : "";
      return text + beside;
    };
    lines.push(`| ${row.title} | ${shown.map(cell).join(" | ")} |`);
  }
  if (run.skipped.length) lines.push("", ...run.skipped.map((why) => `Not run: ${why}`));
  lines.push(
    "",
    "Ratios in brackets: to the batched ceiling, a bare Bun pub/sub server that pads its frames to the size",
    "of Parley's and sends a room's texts of one event-loop turn as one frame, as Parley sends a turn's",
    "fragments: the like-for-like limit. The padded ceiling sends the same texts one frame each; the bare",
    "ceiling sends them unpadded. Server CPU per delivery is the server's CPU time (user and kernel) over",
    "the measured window divided by the deliveries in it: steadier than deliveries/s on a shared machine.",
    `In (a), (a′) and (e) every server ran ${modes[run.mode].fanoutRounds} time(s), in rotated order (Parley on PostgreSQL once); each one's median run counts.`,
    "",
  );

  const a = run.fanout;
  lines.push(
    "## (a) Fan-out: 1 room × 32 clients, closed loop",
    "",
    "| server | bursts | deliveries/s | server CPU per delivery | per server CPU-second | bytes per delivery | server CPU | server RSS (peak) | client CPU |",
    "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
  );
  for (const [bursts, results] of [
    [50, a],
    [2, run.fanoutSmallBursts],
  ] as const) {
    for (const name of columns) {
      const r = results[name];
      if (!r) continue;
      lines.push(
        `| ${targets[name].label} | ${bursts} | ${fmt(r.deliveriesPerSecond)} | ${micros(r)} | ${fmt(efficiency(r))} | ${r.bytesPerDelivery} | ${r.server.cpuPercent}% | ${r.server.rssMb} MB (${r.server.peakRssMb} MB) | ${r.clientCpuPercent}% |`,
      );
    }
  }

  lines.push(
    "",
    "## (e) Room sizes: 1 room of N clients, bursts of 50, closed loop",
    "",
    `| clients | ${targets.parley.label} | server CPU per delivery | ${targets[reference].label} | server CPU per delivery | Parley ÷ ${reference}, deliveries/s | Parley ÷ ${reference}, CPU per delivery | Parley's sends refused, sent again | load generator CPU (Parley, ${reference}) | server RSS, peak (Parley, ${reference}) |`,
    "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
  );
  for (const { clients, results } of run.roomSizes) {
    // A run with no delivery in its window has no figure to show or divide by.
    const parley = results.parley?.deliveries ? results.parley : undefined;
    const limit = results[reference]?.deliveries ? results[reference] : undefined;
    const show = (r: ClosedResult | undefined, figure: (r: ClosedResult) => string) => (r ? figure(r) : "—");
    lines.push(
      `| ${clients} | ${show(parley, (r) => fmt(r.deliveriesPerSecond))} | ${show(parley, micros)} | ${show(limit, (r) => fmt(r.deliveriesPerSecond))} | ${show(limit, micros)} | ${parley && limit ? `${fmt(parley.deliveriesPerSecond / limit.deliveriesPerSecond, 2)}×` : "—"} | ${parley && limit ? `${fmt(cpuMicrosPerDelivery(parley) / cpuMicrosPerDelivery(limit), 2)}×` : "—"} | ${parley?.refused === undefined ? "—" : fmt(parley.refused)} | ${show(parley, (r) => `${r.clientCpuPercent}%`)}, ${show(limit, (r) => `${r.clientCpuPercent}%`)} | ${show(parley, (r) => `${r.server.peakRssMb} MB`)}, ${show(limit, (r) => `${r.server.peakRssMb} MB`)} |`,
    );
  }
  lines.push(
    "",
    `A room of ${modes[run.mode].fanout.clientsPerRoom} is (a) itself. Large rooms offer thousands of messages at once (128 × 50 = 6,400): past its sends in flight Parley refuses a message with a time to try again, and the load generator sends it again 100 ms later, as the page does by itself. One load generator receives every delivery: where its CPU nears 100% (the largest rooms), it is the limit of both servers, and server CPU per delivery is the figure to compare. The batched ceiling never refuses: in a room of 512 it buffers what its sockets cannot take yet (gigabytes), where Parley sheds load, so there the ceiling is no longer an upper bound.`,
  );

  const latency = modes[run.mode].latency;
  lines.push(
    "",
    "## (b) Latency: 100 rooms × 10 clients, open loop",
    "",
    "### At fixed rates, each server on a fresh start",
    "",
    "| server | msg/s | p50 | p99 | p99.9 | server CPU (in the kernel) | load generator CPU | machine CPU (of 200%) | server RSS (peak) | every round's p99 |",
    "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
  );
  for (const name of fixedRateServers)
    for (const { rate, step, p99s } of run.fixedRates[name] ?? [])
      lines.push(
        `| ${targets[name].label} | ${fmt(rate)} | ${step.p50} ms | ${step.p99} ms | ${step.p999} ms | ${cpu(step)} | ${step.loadGeneratorCpuPercent}% | ${step.machineCpuPercent}% | ${step.server.rssMb} MB (${step.server.peakRssMb} MB) | ${p99s.join(", ")} ms |`,
      );
  lines.push(
    "",
    "Every message is stamped with the time it was due, not when it left, so a slow server cannot hide its queue (coordinated omission). All rates run on one fresh server after a warm-up, unrecorded: one step at half the first rate, then 15 s at the first rate, so the runtime has compiled the message path at its top tier (Parley's p99 fell step after step for the first 15–20 s of a fresh server, the ceilings' did not). Each rate stays below where any server's thread saturates. Server CPU counts the kernel's work for its sockets (a write per delivery) as the server's; machine CPU is every core's busy time.",
    "",
    `### Where each server's thread saturates: the rate stepped up until p99 > ${latency.p99LimitMs} ms`,
    "",
    `| server | saturated at (msg/s) | why | highest rate before it | highest rate with p99 ≤ ${latency.p99LimitMs} ms |`,
    "|---|--:|---|--:|--:|",
  );
  for (const name of latencyServers) {
    const r = run.latency[name];
    if (!r) continue;
    const found = saturation(r, saturatedPercent, latency.p99LimitMs);
    const step = r.steps.find((s) => s.rate === found.at);
    const why =
      found.cause === "cpu"
        ? `its thread at ${step?.server.cpuPercent}% of a core (p99 ${step?.p99} ms)`
        : found.cause === "p99"
          ? `p99 ${step?.p99} ms${step?.missing ? `, ${fmt(step.missing)} missing` : ""} (thread at ${step?.server.cpuPercent}%)`
          : "not reached";
    lines.push(
      `| ${targets[name].label} | ${found.at === null ? "—" : fmt(found.at)} | ${why} | ${found.below === null ? "—" : fmt(found.below)} | ${fmt(r.maxRate)} (${fmt(r.maxRate * 10)} deliveries/s) |`,
    );
  }
  lines.push(
    "",
    `Saturated: the first step, by rate, at which the server took ≥ ${saturatedPercent}% of one core (its one thread never idle) or whose p99 passed ${latency.p99LimitMs} ms, whichever came first, among the steps of the climb (×${latency.factor} each); the narrowing steps after a missed one only refine the highest rate held. Past that rate a server keeps p99 under the limit only by doing more per turn; the overload step below runs at twice the highest rate with p99 ≤ ${latency.p99LimitMs} ms.`,
    "",
    "<details><summary>every step</summary>",
    "",
    "| server | msg/s | p50 | p99 | p99.9 | missing | server CPU (in the kernel) | load generator CPU | machine CPU |",
    "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
  );
  for (const name of latencyServers)
    for (const s of run.latency[name]?.steps ?? [])
      lines.push(
        `| ${name}${s.refinement ? " (narrowing)" : ""} | ${fmt(s.rate)} | ${s.p50} | ${s.p99} | ${s.p999} | ${s.missing} | ${cpu(s)} | ${s.loadGeneratorCpuPercent}% | ${s.machineCpuPercent}% |`,
      );
  lines.push("", "</details>");

  lines.push("", "## Overload: Parley at twice the highest rate it held in (b), open loop", "");
  if ("skipped" in run.overload) lines.push(`Skipped: ${run.overload.skipped}`);
  else {
    const { rate, step } = run.overload;
    const answers = step.answers;
    lines.push(
      "| msg/s offered | delivered/s | p50 | p99 | acknowledged | refused, with a retry time | unanswered | acknowledged, not delivered to the whole room | server CPU | server RSS (peak since start) |",
      "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
      `| ${fmt(rate)} | ${fmt(step.deliveriesPerSecond)} | ${step.p50} ms | ${step.p99} ms | ${answers ? fmt(answers.acknowledged) : "—"} | ${answers ? fmt(answers.refused) : "—"} | ${answers ? fmt(answers.unanswered) : "—"} | ${answers ? fmt(answers.lost) : "—"} | ${step.server.cpuPercent}% | ${step.server.rssMb} MB (${step.server.peakRssMb} MB) |`,
      "",
      "Every send carries an idempotency key, as the page's do: the server answers each with an acknowledgement (stored) or a refusal with a time to try again (admission control; nothing stored, the page sends it again by itself). An acknowledged send counts as lost unless every member of its room received it within 10 s of the step's end. Latency counts delivered messages only. The peak includes signing up the run's accounts (argon2id).",
    );
  }
  lines.push(
    "",
    "## (c) Idle sockets: authenticated, each in a room, nothing sent",
    "",
    "| server | sockets | RSS before | after the first half | after both | per socket, first half | per socket, second half |",
    "|---|--:|--:|--:|--:|--:|--:|",
  );
  for (const name of idleServers) {
    const r = run.idle[name];
    if (!r) continue;
    lines.push(
      `| ${targets[name].label} | ${fmt(r.sockets)} | ${r.rssBeforeMb} MB | ${r.rssHalfMb} MB | ${r.rssAfterMb} MB | ${r.kbPerSocketFirstHalf} KB | ${r.kbPerSocket} KB |`,
    );
  }
  lines.push(
    "",
    "The sockets open in two halves, each measured 12 s after its last socket opened (after the runtime's idle collection). Per socket is the second half's growth: the first half also pays once for what a server pays on its first load whatever its sockets (code compiled and paged in, the collector's heap grown to its floor).",
  );

  lines.push(
    "",
    "## (d) Two instances over Redis, rooms spread across both",
    "",
    "Two cores cannot show two instances' worth of throughput (the load generator takes most of one), so the",
    "figure that counts is efficiency: deliveries per second of server CPU, two instances against one.",
    "",
  );
  for (const [store, scale] of [
    ["SQLite", run.scaleOut],
    ["PostgreSQL", run.scaleOutPostgres],
  ] as const) {
    if ("skipped" in scale) {
      lines.push(`${store}: skipped: ${scale.skipped}`, "");
      continue;
    }
    const { one, two } = scale;
    const ratio = efficiency(two) / efficiency(one);
    lines.push(
      `| ${store} | deliveries/s | server CPU (sum) | per server CPU-second | server RSS, peak (sum) |`,
      "|---|--:|--:|--:|--:|",
      `| one instance | ${fmt(one.deliveriesPerSecond)} | ${one.server.cpuPercent}% | ${fmt(efficiency(one))} | ${one.server.peakRssMb} MB |`,
      `| two instances | ${fmt(two.deliveriesPerSecond)} | ${two.server.cpuPercent}% | ${fmt(efficiency(two))} | ${two.server.peakRssMb} MB |`,
      "",
      `Two instances do ${fmt(ratio, 2)}× the work per CPU-second of one${scale.ratios && scale.ratios.length > 1 ? ` (the median of ${scale.ratios.length} rounds, one and two instances first in turn: ${scale.ratios.map((r) => `${fmt(r, 2)}×`).join(", ")})` : ""}. Projected, with a core per instance and the load generated elsewhere: ${[2, 4, 8].map((n) => `${n} instances ≈ ${fmt(n * efficiency(two))} deliveries/s`).join(", ")} (each core at the two-instance efficiency; Redis's own CPU not counted).`,
      "",
    );
  }
  if (run.errors.length) lines.push("", "## Errors", "", ...run.errors.map((e) => `- ${e}`));
  lines.push(
    "",
    "Server CPU is percent of one core over the measured window (200% = both cores). RSS is the server's resident memory at the end of the window; peak is its VmHWM since start, which for Parley includes signing up the benchmark's users (argon2id takes 64 MiB per hash; the server runs one per core at a time).",
    "Ratios compare servers measured back to back in this run, with the same load generator (Bun's WebSocket client).",
    "",
  );
  return lines.join("\n");
}
