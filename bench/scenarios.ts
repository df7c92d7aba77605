import type { ClosedResult } from "./job.ts";
import { modes, saturatedPercent } from "./modes.ts";
import { cpuMicrosPerDelivery, fmt, type Run, saturation } from "./results.ts";
import type { TargetName } from "./servers.ts";

/** The servers as columns, in the order every table and chart shows them. */
export const columns: TargetName[] = [
  "parley",
  "parley-node",
  "parley-deno",
  "parley-pg",
  "batched",
  "stored",
  "searched",
  "padded",
  "ceiling",
  "socketio",
];

/** (b): Parley beside the padded ceiling (the same frames, one per message) and Socket.IO. */
export const latencyServers: TargetName[] = ["parley", "padded", "socketio"];
/** (b) at fixed rates: those, and the storing ceiling (what committing each message costs at that rate). */
export const fixedRateServers: TargetName[] = [...latencyServers, "stored"];
/** (c): the idle sockets' memory of Parley, the bare ceiling and Socket.IO. */
export const idleServers: TargetName[] = ["ceiling", "parley", "socketio"];

/** The like-for-like limit every fan-out ratio is taken against: Parley also sends a turn's fragments as one frame. */
export const reference: TargetName = "batched";

/** One scenario's figure for each server measured in it. */
export interface ScenarioRow {
  id: string;
  title: string;
  unit: string;
  /** Memory and latency: smaller is better. */
  lowerIsBetter?: boolean;
  /** Drawn in the chart (the others are in the report's table only). */
  charted?: boolean;
  /** Decimals shown (by default one below 100, none above). */
  digits?: number;
  values: Partial<Record<TargetName, number>>;
}

const pick = <T>(record: Partial<Record<TargetName, T>>, value: (t: T) => number | undefined) =>
  Object.fromEntries(
    columns.flatMap((name) => {
      const found = record[name];
      const figure = found === undefined ? undefined : value(found);
      return figure === undefined || Number.isNaN(figure) ? [] : [[name, figure]];
    }),
  ) as Partial<Record<TargetName, number>>;

/**
 * The one table of scenarios: the report's results, the chart's bars and the targets all read
 * their figures from here, so they cannot disagree.
 */
export function scenarioTable(run: Run): ScenarioRow[] {
  // A run with no delivery has no figure (neither a rate of 0 nor an infinite cost per delivery).
  const rate = (r: ClosedResult) => (r.deliveries ? r.deliveriesPerSecond : undefined);
  const cost = (r: ClosedResult) => (r.deliveries ? cpuMicrosPerDelivery(r) : undefined);
  /** A fan-out figure, and right below it what each delivery cost the server. */
  const fanout = (
    id: string,
    short: string,
    title: string,
    results: Partial<Record<TargetName, ClosedResult>>,
    charted = false,
  ): ScenarioRow[] => [
    { id, title, unit: "deliveries/s", charted, values: pick(results, rate) },
    {
      id: `${id}-cpu`,
      title: `${short} server CPU per delivery`,
      unit: "µs",
      lowerIsBetter: true,
      digits: 2,
      values: pick(results, cost),
    },
  ];
  const latency = modes[run.mode].latency;
  const rates = run.fixedRates.parley?.map((figure) => figure.rate) ?? [];
  return [
    ...fanout("a", "(a)", "(a) fan-out, 1 room × 32 clients, bursts of 50", run.fanout, true),
    ...fanout("a2", "(a′)", "(a′) the same, bursts of 2", run.fanoutSmallBursts, true),
    ...run.roomSizes.flatMap((size) =>
      fanout(
        `e${size.clients}`,
        `(e) ${size.clients}:`,
        `(e) 1 room × ${size.clients} clients, bursts of 50`,
        size.results,
        size.clients === 8,
      ),
    ),
    {
      id: "a-bytes",
      title: "(a) bytes on the wire per delivery",
      unit: "bytes",
      lowerIsBetter: true,
      values: pick(run.fanout, (r) => r.bytesPerDelivery),
    },
    ...rates.map((fixed) => ({
      id: `b${fixed}`,
      title: `(b) p99 at ${fmt(fixed)} msg/s, 100 rooms × 10 clients`,
      unit: "ms",
      lowerIsBetter: true,
      charted: true,
      values: pick(run.fixedRates, (figures) => figures.find((f) => f.rate === fixed)?.step.p99),
    })),
    {
      id: "b-saturated",
      title: `(b) rate at which the server's thread saturates (≥ ${saturatedPercent}% of a core, or p99 > ${latency.p99LimitMs} ms first)`,
      unit: "msg/s",
      digits: 0,
      values: pick(run.latency, (r) => saturation(r, saturatedPercent, latency.p99LimitMs).at ?? undefined),
    },
    {
      id: "b",
      title: `(b) highest rate with p99 ≤ ${latency.p99LimitMs} ms`,
      unit: "msg/s",
      digits: 0,
      charted: true,
      values: pick(run.latency, (r) => r.maxRate),
    },
    {
      id: "c",
      title: "(c) server memory per idle authenticated socket",
      unit: "KB",
      lowerIsBetter: true,
      charted: true,
      values: pick(run.idle, (r) => r.kbPerSocket),
    },
    {
      id: "c-first",
      title: "(c) the same, the first half of the sockets (one-time costs of a first load included)",
      unit: "KB",
      lowerIsBetter: true,
      values: pick(run.idle, (r) => r.kbPerSocketFirstHalf),
    },
  ];
}
