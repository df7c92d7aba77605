import { efficiency, fmt, type Run } from "./results.ts";
import { columns, scenarioTable } from "./scenarios.ts";
import type { TargetName } from "./servers.ts";

const colors: Record<TargetName, string> = {
  ceiling: "#c3cad3",
  padded: "#8a96a3",
  batched: "#5d6b7a",
  stored: "#3e4a57",
  searched: "#2b3540",
  parley: "#2f6fdf",
  "parley-pg": "#6c4fd6",
  "parley-node": "#2aa876",
  "parley-deno": "#1f8a9e",
  socketio: "#e0823d",
};
const names: Record<TargetName, string> = {
  ceiling: "ceiling",
  padded: "padded ceiling",
  batched: "batched ceiling",
  stored: "storing ceiling",
  searched: "searching ceiling",
  parley: "Parley",
  "parley-pg": "Parley, PG",
  "parley-node": "Parley, Node",
  "parley-deno": "Parley, Deno",
  socketio: "Socket.IO",
};

interface Panel {
  title: string;
  unit: string;
  /** Decimals shown (by default one below 100, none above). */
  digits?: number;
  bars: { name: string; color: string; value: number }[];
}

const xml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/** A small hand-written SVG: one horizontal bar chart per charted scenario of the one table. */
export function chart(run: Run): string {
  const panels: Panel[] = scenarioTable(run)
    .filter((row) => row.charted)
    .map((row) => ({
      title: `${row.title}${row.lowerIsBetter ? " (lower is better)" : ""}`,
      unit: row.unit,
      digits: row.digits,
      bars: columns.flatMap((name) => {
        const value = row.values[name];
        return value === undefined ? [] : [{ name: names[name], color: colors[name], value }];
      }),
    }));
  const scaled: Panel["bars"] = [];
  for (const [store, scale] of [
    ["SQLite", run.scaleOut],
    ["PG", run.scaleOutPostgres],
  ] as const) {
    if ("skipped" in scale) continue;
    scaled.push(
      { name: `one, ${store}`, color: colors.parley, value: efficiency(scale.one) },
      { name: `two, ${store}`, color: "#86a9ec", value: efficiency(scale.two) },
    );
  }
  if (scaled.length)
    panels.push({ title: "(d) deliveries per server CPU-second, two instances vs one", unit: "", bars: scaled });
  const width = 640;
  const barHeight = 22;
  const panelHeight = (panel: Panel) => 40 + panel.bars.length * (barHeight + 6);
  const label = 110;
  const barSpace = width - label - 150;
  const parts: string[] = [];
  let top = 10;
  for (const panel of panels) {
    const max = Math.max(1, ...panel.bars.map((bar) => bar.value));
    parts.push(`<text x="10" y="${top + 16}" font-weight="bold">${xml(panel.title)}</text>`);
    panel.bars.forEach((bar, i) => {
      const y = top + 28 + i * (barHeight + 6);
      const w = Math.max(1, (bar.value / max) * barSpace);
      parts.push(
        `<text x="${label - 6}" y="${y + 16}" text-anchor="end">${xml(bar.name)}</text>`,
        `<rect x="${label}" y="${y}" width="${w.toFixed(1)}" height="${barHeight}" fill="${bar.color}"/>`,
        `<text x="${label + w + 6}" y="${y + 16}">${fmt(bar.value, panel.digits ?? (bar.value < 100 ? 1 : 0))} ${panel.unit}</text>`,
      );
    });
    top += panelHeight(panel);
  }
  const height = top + 30;
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
