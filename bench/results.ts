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
  /** How far a missed target is: "32% short" of an at-least target, "40% over" an at-most one. */
  gap: string;
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
  const atLeast = (what: string, target: number, unit: string, value: number | null | undefined, measured: string) =>
    check(
      what,
      `≥ ${target}${unit}`,
      measured,
      value,
      (v) => v >= target,
      (v) => `${Math.round((1 - v / target) * 100)}% short`,
    );
  const atMost = (what: string, target: number, unit: string, value: number | null | undefined, measured: string) =>
    check(
      what,
      `≤ ${target}${unit}`,
      measured,
      value,
      (v) => v <= target,
      (v) => `${Math.round((v / target - 1) * 100)}% over`,
    );
  return [
    atLeast("(a) fan-out vs ceiling", 0.6, "×", toCeiling, `${fmt(toCeiling, 3)}×`),
    atLeast("(a) fan-out vs Socket.IO", 10, "×", toSocketIo, `${fmt(toSocketIo, 1)}×`),
    atMost("(b) p99 at half of max rate", 20, " ms", half?.p99, half ? `${half.p99} ms at ${half.rate} msg/s` : "n/a"),
    atMost("(c) memory per idle socket", 8, " KB", perSocket, perSocket === undefined ? "n/a" : `${perSocket} KB`),
    atLeast("(d) two instances vs one", 1.6, "×", scale, scale === null ? "skipped" : `${fmt(scale, 2)}×`),
  ];
}

function check(
  what: string,
  target: string,
  measured: string,
  value: number | null | undefined,
  ok: (v: number) => boolean,
  gap: (v: number) => string,
): TargetCheck {
  if (value === null || value === undefined || Number.isNaN(value))
    return { what, target, measured, met: null, gap: "" };
  const met = ok(value);
  return { what, target, measured, met, gap: met ? "" : gap(value) };
}

export const fmt = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : "n/a";
