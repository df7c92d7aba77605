import type { ClosedResult, IdleResult, OpenResult } from "./job.ts";
import type { TargetName } from "./servers.ts";

/** One benchmark run: every figure, with the conditions it was measured under. */
export interface Run {
  mode: "quick" | "full";
  conditions: {
    date: string;
    cpu: string;
    cores: number;
    memoryGb: number;
    loadAverage: string;
    bun: string;
    node: string;
  };
  fanout: Partial<Record<TargetName, ClosedResult>>;
  latency: Partial<Record<TargetName, OpenResult>>;
  idle: Partial<Record<TargetName, IdleResult>>;
  scaleOut: { one: ClosedResult; two: ClosedResult } | { skipped: string };
  errors: string[];
}

export interface TargetCheck {
  what: string;
  target: string;
  measured: string;
  met: boolean | null;
}

/** The targets, judged against this run's own baselines. */
export function checkTargets(run: Run): TargetCheck[] {
  const a = run.fanout;
  const rate = (name: TargetName) => a[name]?.deliveriesPerSecond ?? 0;
  const ratio = (x: number, y: number) => (y > 0 ? x / y : Number.NaN);
  const toCeiling = ratio(rate("parley"), rate("ceiling"));
  const toSocketIo = ratio(rate("parley"), rate("socketio"));
  const half = run.latency.parley?.half;
  const perSocket = run.idle.parley?.kbPerSocket;
  const scale =
    "skipped" in run.scaleOut
      ? null
      : ratio(run.scaleOut.two.deliveriesPerSecond, run.scaleOut.one.deliveriesPerSecond);
  const judged = (value: number | null | undefined, ok: (v: number) => boolean) =>
    value === null || value === undefined || Number.isNaN(value) ? null : ok(value);
  return [
    {
      what: "(a) fan-out vs ceiling",
      target: "≥ 0.60×",
      measured: `${fmt(toCeiling, 2)}×`,
      met: judged(toCeiling, (v) => v >= 0.6),
    },
    {
      what: "(a) fan-out vs Socket.IO",
      target: "≥ 10×",
      measured: `${fmt(toSocketIo, 1)}×`,
      met: judged(toSocketIo, (v) => v >= 10),
    },
    {
      what: "(b) p99 at half of max rate",
      target: "≤ 20 ms",
      measured: half ? `${half.p99} ms at ${half.rate} msg/s` : "n/a",
      met: judged(half?.p99, (v) => v <= 20),
    },
    {
      what: "(c) memory per idle socket",
      target: "≤ 8 KB",
      measured: perSocket === undefined ? "n/a" : `${perSocket} KB`,
      met: judged(perSocket, (v) => v <= 8),
    },
    {
      what: "(d) two instances vs one",
      target: "≥ 1.6×",
      measured: scale === null ? "skipped" : `${fmt(scale, 2)}×`,
      met: judged(scale, (v) => v >= 1.6),
    },
  ];
}

export const fmt = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : "n/a";
