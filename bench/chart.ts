import { fmt, type Run } from "./results.ts";
import type { TargetName } from "./servers.ts";

const colors: Record<TargetName, string> = { ceiling: "#9aa5b1", parley: "#2f6fdf", socketio: "#e0823d" };
const names: Record<TargetName, string> = { ceiling: "ceiling", parley: "Parley", socketio: "Socket.IO" };
const order: TargetName[] = ["ceiling", "parley", "socketio"];

interface Panel {
  title: string;
  unit: string;
  values: Partial<Record<TargetName, number>>;
}

const xml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/** A small hand-written SVG: one horizontal bar chart per scenario, the three servers side by side. */
export function chart(run: Run): string {
  const pick = <T>(record: Partial<Record<TargetName, T>>, value: (t: T) => number) =>
    Object.fromEntries(order.flatMap((n) => (record[n] ? [[n, value(record[n] as T)]] : [])));
  const panels: Panel[] = [
    {
      title: "(a) fan-out, 1 room × 32 clients",
      unit: "deliveries/s",
      values: pick(run.fanout, (r) => r.deliveriesPerSecond),
    },
    {
      title: "(b) highest rate with p99 ≤ 50 ms, 100 rooms × 10",
      unit: "msg/s",
      values: pick(run.latency, (r) => r.maxRate),
    },
    {
      title: "(c) server memory per idle socket (lower is better)",
      unit: "KB",
      values: pick(run.idle, (r) => r.kbPerSocket),
    },
  ];
  const width = 640;
  const barHeight = 22;
  const panelHeight = 40 + order.length * (barHeight + 6);
  const label = 90;
  const barSpace = width - label - 150;
  const parts: string[] = [];
  panels.forEach((panel, p) => {
    const top = p * panelHeight + 10;
    const max = Math.max(1, ...Object.values(panel.values).map((v) => v ?? 0));
    parts.push(`<text x="10" y="${top + 16}" font-weight="bold">${xml(panel.title)}</text>`);
    order.forEach((name, i) => {
      const value = panel.values[name];
      if (value === undefined) return;
      const y = top + 28 + i * (barHeight + 6);
      const w = Math.max(1, (value / max) * barSpace);
      parts.push(
        `<text x="${label - 6}" y="${y + 16}" text-anchor="end">${names[name]}</text>`,
        `<rect x="${label}" y="${y}" width="${w.toFixed(1)}" height="${barHeight}" fill="${colors[name]}"/>`,
        `<text x="${label + w + 6}" y="${y + 16}">${fmt(value, value < 100 ? 1 : 0)} ${panel.unit}</text>`,
      );
    });
  });
  const height = panels.length * panelHeight + 30;
  const c = run.conditions;
  parts.push(
    `<text x="10" y="${height - 10}" font-size="11" fill="#555">${xml(`${run.mode} mode, ${c.date}, ${c.cores} cores shared with the load generator`)}</text>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="13">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    ...parts,
    "</svg>",
    "",
  ].join("\n");
}
