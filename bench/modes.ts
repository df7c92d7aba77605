import type { Job } from "./job.ts";

type ClosedJob = Extract<Job, { kind: "closed" }>;
type OpenJob = Extract<Job, { kind: "open" }>;

/** Quick: a few minutes, for CI-like checks. Full: longer windows and finer rate steps, for the README. */
export interface Mode {
  name: "quick" | "full";
  /** (a): one room of 32, bursts of 50. */
  fanout: ClosedJob;
  /** (a′): the same room with bursts of 2, where each message's own cost weighs more. */
  fanoutSmallBursts: ClosedJob;
  /** (e): one room of each size, bursts of 50 (32 is (a) itself). */
  roomSizes: number[];
  /** (b): the rate stepped up until p99 passes the limit, for where each server's thread saturates. */
  latency: OpenJob;
  /** (b): p99 at these fixed rates, every server on a fresh start. */
  fixedRates: OpenJob & { rates: number[] };
  idle: Extract<Job, { kind: "idle" }>;
  scaleOut: ClosedJob;
  /** Rounds of (a), (a′), (e), (b)'s fixed rates and (d): the median round counts. */
  fanoutRounds: number;
}

const fanout = { kind: "closed", rooms: 1, clientsPerRoom: 32, burst: 50 } as const;
const latency = { kind: "open", rooms: 100, clientsPerRoom: 10, maxRate: 100_000, p99LimitMs: 50 } as const;
/**
 * (b) measures a server that has run a while, as a chat server has. Parley's p99 at 1,000 msg/s,
 * step after step of 5 s on one fresh server, fell from 3.6–3.9 ms to 2.6 ms by the fourth while
 * its CPU fell from 20% to 16%: JavaScriptCore was still compiling its message path at the top
 * tier. The ceilings' held flat (2.4 and 2.5–2.7 ms). So every server gets this much more of
 * the first rate, unrecorded, after the warm-up at half of it.
 */
const warmUpSeconds = 15;
/** (b)'s fixed rates: a busy chat and five times that, both below where any server saturates its thread. */
export const fixedRates = [1_000, 5_000];
/** A server at this much of one core over a step counts as saturated (its one thread never idle). */
export const saturatedPercent = 95;

export const modes: Record<Mode["name"], Mode> = {
  quick: {
    name: "quick",
    // bench/compare.ts measures with this job too: its window stays 4 s.
    fanout: { ...fanout, warmupSeconds: 1, seconds: 4 },
    fanoutSmallBursts: { ...fanout, burst: 2, warmupSeconds: 1, seconds: 3 },
    roomSizes: [8, 32, 128, 512],
    latency: { ...latency, stepSeconds: 2, startRate: 1_000, factor: 2, warmUpSeconds },
    fixedRates: { ...latency, stepSeconds: 3, startRate: 1_000, factor: 1, rates: fixedRates, warmUpSeconds },
    idle: { kind: "idle", sockets: 10_000, rooms: 10, settleSeconds: 12 },
    scaleOut: { kind: "closed", rooms: 4, clientsPerRoom: 8, burst: 50, warmupSeconds: 1, seconds: 4 },
    fanoutRounds: 1,
  },
  full: {
    name: "full",
    fanout: { ...fanout, warmupSeconds: 2, seconds: 6 },
    fanoutSmallBursts: { ...fanout, burst: 2, warmupSeconds: 2, seconds: 6 },
    roomSizes: [8, 32, 128, 512],
    latency: { ...latency, stepSeconds: 4, startRate: 1_000, factor: 1.5, warmUpSeconds },
    fixedRates: { ...latency, stepSeconds: 5, startRate: 1_000, factor: 1, rates: fixedRates, warmUpSeconds },
    idle: { kind: "idle", sockets: 10_000, rooms: 10, settleSeconds: 12 },
    scaleOut: { kind: "closed", rooms: 4, clientsPerRoom: 8, burst: 50, warmupSeconds: 2, seconds: 8 },
    fanoutRounds: 3,
  },
};
