import type { ClosedResult, IdleResult, LatencyStep, OpenResult } from "./job.ts";
import { scenarioTable } from "./scenarios.ts";
import type { TargetName } from "./servers.ts";

/** One instance against two over Redis, rooms spread across them. */
export interface ScaleOut {
  /** The round whose two-against-one efficiency is the median. */
  one: ClosedResult;
  two: ClosedResult;
  /** Every round's two-against-one efficiency, in the order run. */
  ratios?: number[];
}

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
  /** (a), bursts of 50. */
  fanout: Partial<Record<TargetName, ClosedResult>>;
  /** (a′), bursts of 2: the per-message cost weighs more. */
  fanoutSmallBursts: Partial<Record<TargetName, ClosedResult>>;
  latency: Partial<Record<TargetName, OpenResult>>;
  /** The padded ceiling at Parley's half rate in (b): the same frames and sockets, without Parley (median round). */
  latencyAtParleyHalf?: { padded: LatencyStep; p99s: number[] };
  idle: Partial<Record<TargetName, IdleResult>>;
  scaleOut: ScaleOut | { skipped: string };
  scaleOutPostgres: ScaleOut | { skipped: string };
  /** Parley driven open loop at twice the highest rate it held in (b), on a fresh server. */
  overload: { rate: number; step: LatencyStep } | { skipped: string };
  /** Scenarios left out of this run, and why (PostgreSQL or Redis not answering). */
  skipped: string[];
  errors: string[];
}

/** Deliveries per second of server CPU time (all instances): steadier than wall-clock on a shared machine. */
export const efficiency = (result: ClosedResult) =>
  result.server.cpuPercent > 0 ? result.deliveries / ((result.server.cpuPercent / 100) * result.seconds) : Number.NaN;

export interface TargetCheck {
  what: string;
  target: string;
  measured: string;
  met: boolean | null;
  /** How far a missed target is: "32% short" of an at-least target, "40% over" an at-most one. */
  gap: string;
}

/** The targets, each judged against this run's own baselines (ratios measured side by side). */
export function checkTargets(run: Run): TargetCheck[] {
  const value = (id: string, name: TargetName) => scenarioTable(run).find((row) => row.id === id)?.values[name];
  const ratio = (x: number | undefined, y: number | undefined) => (x && y ? x / y : Number.NaN);
  const toPadded = ratio(value("a", "parley"), value("a", "padded"));
  const toPaddedSmall = ratio(value("a2", "parley"), value("a2", "padded"));
  const toBatched = ratio(value("a", "parley"), value("a", "batched"));
  const toBatchedSmall = ratio(value("a2", "parley"), value("a2", "batched"));
  const toSocketIo = ratio(value("a", "parley"), value("a", "socketio"));
  const half = run.latency.parley?.half;
  const perSocket = run.idle.parley?.kbPerSocket;
  const scale = "skipped" in run.scaleOut ? null : ratio(efficiency(run.scaleOut.two), efficiency(run.scaleOut.one));
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
    atLeast("(a) fan-out vs the padded ceiling, bursts of 50", 0.85, "×", toPadded, `${fmt(toPadded, 2)}×`),
    atLeast("(a′) fan-out vs the padded ceiling, bursts of 2", 0.8, "×", toPaddedSmall, `${fmt(toPaddedSmall, 2)}×`),
    // Like for like with Parley's one frame per burst: reported beside the targets, not judged.
    reported("(a) the same vs the batched ceiling, bursts of 50", `${fmt(toBatched, 2)}×`),
    reported("(a′) the same vs the batched ceiling, bursts of 2", `${fmt(toBatchedSmall, 2)}×`),
    atLeast("(a) fan-out vs Socket.IO", 5, "×", toSocketIo, `${fmt(toSocketIo, 1)}×`),
    atMost("(b) p99 at half of max rate", 20, " ms", half?.p99, half ? halfMeasured(run, half) : "n/a"),
    atMost("(c) memory per idle socket", 4, " KB", perSocket, perSocket === undefined ? "n/a" : `${perSocket} KB`),
    atLeast(
      "(d) two instances vs one, per server CPU-second",
      0.9,
      "×",
      scale,
      scale === null ? "skipped" : `${fmt(scale, 2)}×`,
    ),
    atMost(
      "overload: peak RSS at twice the highest rate held",
      300,
      " MB",
      "skipped" in run.overload ? null : run.overload.step.server.peakRssMb,
      "skipped" in run.overload
        ? run.overload.skipped
        : `${run.overload.step.server.peakRssMb} MB at ${fmt(run.overload.rate)} msg/s (${run.overload.step.server.rssMb} MB at the end)`,
    ),
    check(
      "overload: acknowledged sends not delivered to their whole room",
      "none",
      "skipped" in run.overload || !run.overload.step.answers
        ? "n/a"
        : `${fmt(run.overload.step.answers.lost)} of ${fmt(run.overload.step.answers.acknowledged)} acknowledged (${fmt(run.overload.step.answers.refused)} refused with a retry time, ${fmt(run.overload.step.answers.unanswered)} unanswered)`,
      "skipped" in run.overload ? null : run.overload.step.answers?.lost,
      (lost) => lost === 0,
      (lost) => `${fmt(lost)} lost`,
    ),
  ];
}

/** Parley's p99 at its half rate, with the machine's load then and the padded ceiling's p99 at that rate. */
const halfMeasured = (run: Run, half: LatencyStep) => {
  const reference = run.latencyAtParleyHalf?.padded.p99;
  return `${half.p99} ms at ${fmt(half.rate)} msg/s (server ${half.server.cpuPercent}% of a core, machine ${half.machineCpuPercent}% of 200%${reference === undefined ? "" : `; the padded ceiling at that rate: ${reference} ms`})`;
};

const reported = (what: string, measured: string): TargetCheck => ({
  what,
  target: "reported",
  measured,
  met: null,
  gap: "",
});

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
