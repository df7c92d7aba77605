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

/** A room of `clients`, bursts of 50: Parley and the batched ceiling, each one's median run. */
export interface RoomSize {
  clients: number;
  results: Partial<Record<TargetName, ClosedResult>>;
}

/** One fixed rate of (b) on one server: the round with the median p99, and every round's p99. */
export interface RateFigure {
  rate: number;
  step: LatencyStep;
  p99s: number[];
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
  /** (e): one room of each size, bursts of 50. */
  roomSizes: RoomSize[];
  /** (b): the rate stepped up on each server, for where its thread saturates. */
  latency: Partial<Record<TargetName, OpenResult>>;
  /** (b): p99 at fixed rates, each server on a fresh start. */
  fixedRates: Partial<Record<TargetName, RateFigure[]>>;
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

/** Microseconds of server CPU per delivery: what one delivery costs the server, whatever else ran. */
export const cpuMicrosPerDelivery = (result: ClosedResult) => 1e6 / efficiency(result);

/** Where a server's thread saturated as the rate stepped up, and why the step counts as saturated. */
export interface Saturation {
  /** The highest rate stepped before it: thread not full, p99 within the limit. */
  below: number | null;
  /** The first rate at which it saturated; null when no step did. */
  at: number | null;
  /** "cpu": the server took ≥ `percent` of a core; "p99": p99 passed the limit (or deliveries went missing) first. */
  cause: "cpu" | "p99" | null;
}

/**
 * The first step of the climb, by rate, whose server was busy all the time or whose p99 passed
 * the limit. Refinement steps come after a step that missed, so they are left out.
 */
export function saturation(result: OpenResult, percent: number, p99LimitMs: number): Saturation {
  let below: number | null = null;
  const climb = result.steps.filter((step) => !step.refinement);
  for (const step of climb.sort((a, b) => a.rate - b.rate)) {
    if (step.server.cpuPercent >= percent) return { below, at: step.rate, cause: "cpu" };
    if (step.p99 > p99LimitMs || step.missing > 0) return { below, at: step.rate, cause: "p99" };
    below = step.rate;
  }
  return { below, at: null, cause: null };
}

/** A server's figure at one of (b)'s fixed rates. */
export const atRate = (run: Run, name: TargetName, rate: number) =>
  run.fixedRates[name]?.find((figure) => figure.rate === rate)?.step;

export interface TargetCheck {
  what: string;
  target: string;
  measured: string;
  met: boolean | null;
  /** How far a missed target is: "32% short" of an at-least target, "40% over" an at-most one. */
  gap: string;
}

const ratio = (x: number | undefined, y: number | undefined) => (x && y ? x / y : Number.NaN);
/** A ratio as the targets show it: "0.52×", or "n/a" when a figure is missing. */
const times = (value: number | null | undefined) =>
  value === null || value === undefined || !Number.isFinite(value) ? "n/a" : `${fmt(value, 2)}×`;

/** The targets, each judged against this run's own baselines (ratios measured side by side). */
export function checkTargets(run: Run): TargetCheck[] {
  const table = scenarioTable(run);
  const value = (id: string, name: TargetName) => table.find((row) => row.id === id)?.values[name];
  const versus = (id: string, name: TargetName, reference: TargetName) => ratio(value(id, name), value(id, reference));
  const perSocket = run.idle.parley?.kbPerSocket;
  const scale = "skipped" in run.scaleOut ? null : ratio(efficiency(run.scaleOut.two), efficiency(run.scaleOut.one));
  const atLeast = (what: string, target: number, value: number | null | undefined, measured = times(value)) =>
    check(
      what,
      `≥ ${target}×`,
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
  const [lowRate = 1_000, highRate = 5_000] = run.fixedRates.parley?.map((figure) => figure.rate) ?? [];
  const parleyLow = atRate(run, "parley", lowRate);
  const paddedLow = atRate(run, "padded", lowRate);
  const parleyHigh = atRate(run, "parley", highRate);
  const lowRatio = ratio(parleyLow?.p99, paddedLow?.p99);
  /** A ceiling that does part of Parley's work: what that part costs the simplest server, and Parley beside it. */
  const partOfParley = (name: TargetName, label: string, part: string) => [
    reported(
      `(a) the ${label} vs the batched ceiling: what ${part} costs the simplest server`,
      versus("a", name, "batched"),
    ),
    reported(`(a) Parley vs the ${label}, bursts of 50`, versus("a", "parley", name)),
    reported(`(a′) the ${label} vs the batched ceiling, bursts of 2`, versus("a2", name, "batched")),
    reported(`(a′) Parley vs the ${label}, bursts of 2`, versus("a2", "parley", name)),
  ];
  const checks: TargetCheck[] = [
    atLeast("(a) fan-out vs the batched ceiling, bursts of 50", 0.8, versus("a", "parley", "batched")),
    atLeast("(a′) fan-out vs the batched ceiling, bursts of 2", 0.85, versus("a2", "parley", "batched")),
    atLeast("(e) a room of 8 vs the batched ceiling, bursts of 50", 0.6, versus("e8", "parley", "batched")),
  ];
  for (const { clients } of run.roomSizes.filter((size) => size.clients !== 8))
    checks.push(
      reported(`(e) a room of ${clients} vs the batched ceiling`, versus(`e${clients}`, "parley", "batched")),
    );
  checks.push(
    ...partOfParley("stored", "storing ceiling", "keeping every message"),
    ...partOfParley("searched", "searching ceiling", "keeping every message findable"),
    reported(
      "(a) fan-out vs the padded ceiling (one frame per message), bursts of 50",
      versus("a", "parley", "padded"),
    ),
    reported("(a′) the same, bursts of 2", versus("a2", "parley", "padded")),
    atLeast("(a) Parley on Bun vs Socket.IO on Node, bursts of 50", 5, versus("a", "parley", "socketio")),
    atLeast("(a) Parley on Node vs Socket.IO on Node, bursts of 50", 5, versus("a", "parley-node", "socketio")),
    atLeast("(a′) Parley on Node vs Socket.IO on Node, bursts of 2", 5, versus("a2", "parley-node", "socketio")),
    atLeast("(a) Parley on Deno vs Socket.IO on Node, bursts of 50", 3, versus("a", "parley-deno", "socketio")),
    atLeast("(a′) Parley on Deno vs Socket.IO on Node, bursts of 2", 3, versus("a2", "parley-deno", "socketio")),
    atLeast("(a) Parley on PostgreSQL vs on SQLite", 0.8, versus("a", "parley-pg", "parley")),
    check(
      `(b) p99 at ${fmt(lowRate)} msg/s vs the padded ceiling's`,
      "≤ 1.25×",
      parleyLow && paddedLow ? `${fmt(lowRatio, 2)}× (${parleyLow.p99} ms against ${paddedLow.p99} ms)` : "n/a",
      lowRatio,
      (v) => v <= 1.25,
      (v) => `${Math.round((v / 1.25 - 1) * 100)}% over`,
    ),
    reported(
      `(b) p99 at ${fmt(lowRate)} msg/s, the storing ceiling vs the padded ceiling's`,
      ratio(atRate(run, "stored", lowRate)?.p99, paddedLow?.p99),
    ),
    atMost(
      `(b) p99 at ${fmt(highRate)} msg/s`,
      10,
      " ms",
      parleyHigh?.p99,
      parleyHigh ? `${parleyHigh.p99} ms (server ${parleyHigh.server.cpuPercent}% of a core)` : "n/a",
    ),
    atMost("(c) memory per idle socket", 4, " KB", perSocket, perSocket === undefined ? "n/a" : `${perSocket} KB`),
    atLeast("(d) two instances vs one, per server CPU-second", 0.9, scale, scale === null ? "skipped" : times(scale)),
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
  );
  return checks;
}

/** Like for like but not a target: shown beside the targets, never judged. */
const reported = (what: string, value: number): TargetCheck => ({
  what,
  target: "reported",
  measured: times(value),
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
