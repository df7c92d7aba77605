import { checkTargets, fmt, type Run } from "./results.ts";
import { type TargetName, targets } from "./servers.ts";

const order: TargetName[] = ["ceiling", "parley", "socketio"];
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

  const a = run.fanout;
  const ceiling = a.ceiling?.deliveriesPerSecond ?? Number.NaN;
  const socketIo = a.socketio?.deliveriesPerSecond ?? Number.NaN;
  lines.push(
    "## (a) Fan-out: 1 room × 32 clients, bursts of 50, closed loop",
    "",
    "| server | deliveries/s | × ceiling | × Socket.IO | server CPU | server RSS (peak) | client CPU |",
    "|---|--:|--:|--:|--:|--:|--:|",
  );
  for (const name of order) {
    const r = a[name];
    if (!r) continue;
    lines.push(
      `| ${targets[name].label} | ${fmt(r.deliveriesPerSecond)} | ${fmt(r.deliveriesPerSecond / ceiling, 2)} | ${fmt(r.deliveriesPerSecond / socketIo, 1)} | ${r.server.cpuPercent}% | ${r.server.rssMb} MB (${r.server.peakRssMb} MB) | ${r.clientCpuPercent}% |`,
    );
  }

  lines.push(
    "",
    "## (b) Latency: 100 rooms × 10 clients, open loop, rate stepped up until p99 > 50 ms",
    "",
    "| server | max rate held (msg/s) | at half of it: msg/s | p50 | p99 | p99.9 | server CPU | server RSS (peak) |",
    "|---|--:|--:|--:|--:|--:|--:|--:|",
  );
  for (const name of order) {
    const r = run.latency[name];
    if (!r) continue;
    const h = r.half;
    lines.push(
      `| ${targets[name].label} | ${fmt(r.maxRate)} (${fmt(r.maxRate * 10)} deliveries/s) | ${h ? fmt(h.rate) : "—"} | ${h ? `${h.p50} ms` : "—"} | ${h ? `${h.p99} ms` : "—"} | ${h ? `${h.p999} ms` : "—"} | ${h ? `${h.server.cpuPercent}%` : "—"} | ${h ? `${h.server.rssMb} MB (${h.server.peakRssMb} MB)` : "—"} |`,
    );
  }
  lines.push(
    "",
    "<details><summary>every step</summary>",
    "",
    "| server | msg/s | p50 | p99 | p99.9 | missing | server CPU |",
    "|---|--:|--:|--:|--:|--:|--:|",
  );
  for (const name of order)
    for (const s of run.latency[name]?.steps ?? [])
      lines.push(
        `| ${name} | ${fmt(s.rate)} | ${s.p50} | ${s.p99} | ${s.p999} | ${s.missing} | ${s.server.cpuPercent}% |`,
      );
  lines.push("", "</details>");

  lines.push(
    "",
    "## (c) Idle sockets: authenticated, each in a room, nothing sent",
    "",
    "| server | sockets | RSS before | RSS after | per socket |",
    "|---|--:|--:|--:|--:|",
  );
  for (const name of order) {
    const r = run.idle[name];
    if (!r) continue;
    lines.push(
      `| ${targets[name].label} | ${fmt(r.sockets)} | ${r.rssBeforeMb} MB | ${r.rssAfterMb} MB | ${r.kbPerSocket} KB |`,
    );
  }

  lines.push("", "## (d) Two instances over Redis, rooms spread across both", "");
  if ("skipped" in run.scaleOut) lines.push(`Skipped: ${run.scaleOut.skipped}`);
  else {
    const { one, two } = run.scaleOut;
    lines.push(
      "| instances | deliveries/s | server CPU (sum) | server RSS, peak (sum) |",
      "|---|--:|--:|--:|",
      `| one | ${fmt(one.deliveriesPerSecond)} | ${one.server.cpuPercent}% | ${one.server.peakRssMb} MB |`,
      `| two | ${fmt(two.deliveriesPerSecond)} | ${two.server.cpuPercent}% | ${two.server.peakRssMb} MB |`,
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
