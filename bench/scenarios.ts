import type { ClosedResult } from "./job.ts";
import { efficiency, type Run } from "./results.ts";
import type { TargetName } from "./servers.ts";

/** The servers as columns, in the order every table and chart shows them. */
export const columns: TargetName[] = ["parley", "parley-pg", "batched", "padded", "ceiling", "socketio"];

/** One scenario's figure for each server measured in it. */
export interface ScenarioRow {
  id: string;
  title: string;
  unit: string;
  /** Memory and latency: smaller is better. */
  lowerIsBetter?: boolean;
  /** Drawn in the chart (the others are in the report's table only). */
  charted?: boolean;
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
  const rate = (r: ClosedResult) => r.deliveriesPerSecond;
  return [
    {
      id: "a",
      title: "(a) fan-out, 1 room × 32 clients, bursts of 50",
      unit: "deliveries/s",
      charted: true,
      values: pick(run.fanout, rate),
    },
    {
      id: "a2",
      title: "(a′) the same, bursts of 2",
      unit: "deliveries/s",
      charted: true,
      values: pick(run.fanoutSmallBursts, rate),
    },
    {
      id: "a-cpu",
      title: "(a) deliveries per server CPU-second",
      unit: "deliveries",
      values: pick(run.fanout, efficiency),
    },
    {
      id: "a-bytes",
      title: "(a) bytes on the wire per delivery",
      unit: "bytes",
      lowerIsBetter: true,
      values: pick(run.fanout, (r) => r.bytesPerDelivery),
    },
    {
      id: "b",
      title: "(b) highest rate with p99 ≤ 50 ms, 100 rooms × 10 clients",
      unit: "msg/s",
      charted: true,
      values: pick(run.latency, (r) => r.maxRate),
    },
    {
      id: "b-p99",
      title: "(b) p99 at half of each one's highest rate",
      unit: "ms",
      lowerIsBetter: true,
      values: pick(run.latency, (r) => r.half?.p99),
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
