import type { LatencyStep } from "./job.ts";
import { modes } from "./modes.ts";
import { checkTargets, efficiency, fmt, type Run } from "./results.ts";
import { columns, scenarioTable } from "./scenarios.ts";
import { type TargetName, targets } from "./servers.ts";

const order: TargetName[] = ["ceiling", "parley", "socketio"];
/** A step's server CPU, with the part of it in the kernel. */
const cpu = (s: LatencyStep) => `${s.server.cpuPercent}% (${s.server.kernelPercent}%)`;
/** A server at this much of a core over a step counts as saturated (its one thread never idle). */
const saturatedPercent = 95;
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
    const padded = row.values.padded;
    const cell = (name: TargetName) => {
      const value = row.values[name];
      if (value === undefined) return "—";
      const text = `${fmt(value, value < 100 ? 1 : 0)} ${row.unit}`;
      // Throughput beside the padded ceiling's: the honest limit for HTML over the wire.
      const beside = row.unit === "deliveries/s" && padded && name !== "padded" ? ` (${fmt(value / padded, 2)}×)` : "";
      return text + beside;
    };
    lines.push(`| ${row.title} | ${shown.map(cell).join(" | ")} |`);
  }
  if (run.skipped.length) lines.push("", ...run.skipped.map((why) => `Not run: ${why}`));
  lines.push(
    "",
    "Ratios in brackets: to the padded ceiling, the same fan-out carrying frames as large as Parley's,",
    "one frame per text. The batched ceiling sends a room's texts of one event-loop turn as one frame,",
    "as Parley sends a turn's fragments: the like-for-like limit for that way of sending.",
    `In (a) and (a′) Parley and the ceilings ran ${modes[run.mode].fanoutRounds} time(s) each, in rotated order; each one's median run counts.`,
    "",
  );

  const a = run.fanout;
  lines.push(
    "## (a) Fan-out: 1 room × 32 clients, closed loop",
    "",
    "| server | bursts | deliveries/s | per server CPU-second | bytes per delivery | server CPU | server RSS (peak) | client CPU |",
    "|---|--:|--:|--:|--:|--:|--:|--:|",
  );
  for (const [bursts, results] of [
    [50, a],
    [2, run.fanoutSmallBursts],
  ] as const) {
    for (const name of columns) {
      const r = results[name];
      if (!r) continue;
      lines.push(
        `| ${targets[name].label} | ${bursts} | ${fmt(r.deliveriesPerSecond)} | ${fmt(efficiency(r))} | ${r.bytesPerDelivery} | ${r.server.cpuPercent}% | ${r.server.rssMb} MB (${r.server.peakRssMb} MB) | ${r.clientCpuPercent}% |`,
      );
    }
  }

  lines.push(
    "",
    "## (b) Latency: 100 rooms × 10 clients, open loop, rate stepped up until p99 > 50 ms",
    "",
    "| server | max rate held (msg/s) | at half of it: msg/s | p50 | p99 | p99.9 | server CPU (in the kernel) | load generator CPU | machine CPU (of 200%) | server RSS (peak) |",
    "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
  );
  const stepRow = (label: string, s: LatencyStep) =>
    `| ${label} | ${fmt(s.rate)} | ${s.p50} ms | ${s.p99} ms | ${s.p999} ms | ${cpu(s)} | ${s.loadGeneratorCpuPercent}% | ${s.machineCpuPercent}% | ${s.server.rssMb} MB (${s.server.peakRssMb} MB) |`;
  for (const name of order) {
    const r = run.latency[name];
    if (!r) continue;
    const held = `${targets[name].label} | ${fmt(r.maxRate)} (${fmt(r.maxRate * 10)} deliveries/s)`;
    lines.push(r.half ? stepRow(held, r.half) : `| ${held} | — | — | — | — | — | — | — | — |`);
  }
  const reference = run.latencyAtParleyHalf;
  if (reference) lines.push(stepRow(`${targets.padded.label}, at Parley's half rate | —`, reference.padded));
  const parleyHalf = run.latency.parley?.half;
  const rounds = run.latency.parley?.halfP99s ?? [];
  lines.push(
    "",
    `At half the highest rate each server ran on a fresh start, ${rounds.length || 1} time(s); the round with the median p99 is shown${rounds.length > 1 ? ` (Parley's p99s: ${rounds.join(", ")} ms${reference ? `; the padded ceiling's at the same rate: ${reference.p99s.join(", ")} ms` : ""})` : ""}.`,
    "Server CPU counts the kernel's work for its sockets (a write per delivery) as the server's; machine CPU is every core's busy time.",
  );
  if (parleyHalf)
    lines.push(
      `At Parley's half rate the machine's two cores were ${parleyHalf.machineCpuPercent}% busy of 200%: Parley ${parleyHalf.server.cpuPercent}% (${parleyHalf.server.kernelPercent}% of a core in the kernel), the load generator ${parleyHalf.loadGeneratorCpuPercent}%, the rest other work (the kernel's network interrupts among it).${reference ? ` The padded ceiling, sending the same frames to the same sockets at that rate, shows what the machine and the load generator add without Parley: p99 ${reference.padded.p99} ms.` : ""}`,
    );
  // Where its thread was busy all the time: past that rate only fuller turns keep p99 under the limit.
  const saturated = run.latency.parley?.steps.find((s) => s.server.cpuPercent >= saturatedPercent);
  if (parleyHalf && saturated && saturated.rate <= parleyHalf.rate)
    lines.push(
      `Parley's thread is busy all the time from ${fmt(saturated.rate)} msg/s on (${saturated.server.cpuPercent}% of a core). Above that rate it keeps p99 under ${modes[run.mode].latency.p99LimitMs} ms only because each turn carries more messages (one commit, one frame per socket and room), and its highest rate rests on that; half of the highest rate is still above it, so the p99 there is the wait of a full core.`,
    );
  lines.push(
    "",
    "<details><summary>every step</summary>",
    "",
    "| server | msg/s | p50 | p99 | p99.9 | missing | server CPU (in the kernel) | load generator CPU | machine CPU |",
    "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
  );
  for (const name of order)
    for (const s of run.latency[name]?.steps ?? [])
      lines.push(
        `| ${name} | ${fmt(s.rate)} | ${s.p50} | ${s.p99} | ${s.p999} | ${s.missing} | ${cpu(s)} | ${s.loadGeneratorCpuPercent}% | ${s.machineCpuPercent}% |`,
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
  for (const name of order) {
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
    "Server CPU is percent of one core over the measured window (200% = both cores). RSS is the server's resident memory at the end of the window; peak is its VmHWM since start, which for Parley includes signing up the benchmark's users (argon2id takes tens of MB per hash; four run at a time).",
    "Ratios compare servers measured back to back in this run, with the same load generator (Bun's WebSocket client).",
    "",
  );
  return lines.join("\n");
}
