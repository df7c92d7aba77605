import type { Job } from "./job.ts";

/** Quick: a few minutes, for CI-like checks. Full: longer windows and finer rate steps, for the README. */
export interface Mode {
  name: "quick" | "full";
  fanout: Extract<Job, { kind: "closed" }>;
  /** (a′): the same room with bursts of 2, where each message's own cost weighs more. */
  fanoutSmallBursts: Extract<Job, { kind: "closed" }>;
  latency: Extract<Job, { kind: "open" }>;
  idle: Extract<Job, { kind: "idle" }>;
  scaleOut: Extract<Job, { kind: "closed" }>;
  /** Rounds of (a) and (a′) per server, in rotated order, and of (d): the median round counts. */
  fanoutRounds: number;
}

const fanout = { kind: "closed", rooms: 1, clientsPerRoom: 32, burst: 50 } as const;
const latency = { kind: "open", rooms: 100, clientsPerRoom: 10, maxRate: 100_000, p99LimitMs: 50 } as const;

export const modes: Record<Mode["name"], Mode> = {
  quick: {
    name: "quick",
    fanout: { ...fanout, warmupSeconds: 1, seconds: 4 },
    fanoutSmallBursts: { ...fanout, burst: 2, warmupSeconds: 1, seconds: 4 },
    latency: { ...latency, stepSeconds: 2, startRate: 1_000, factor: 2 },
    idle: { kind: "idle", sockets: 10_000, rooms: 10, settleSeconds: 12 },
    scaleOut: { kind: "closed", rooms: 4, clientsPerRoom: 8, burst: 50, warmupSeconds: 1, seconds: 4 },
    fanoutRounds: 1,
  },
  full: {
    name: "full",
    fanout: { ...fanout, warmupSeconds: 2, seconds: 10 },
    fanoutSmallBursts: { ...fanout, burst: 2, warmupSeconds: 2, seconds: 10 },
    latency: { ...latency, stepSeconds: 4, startRate: 1_000, factor: 1.5 },
    idle: { kind: "idle", sockets: 10_000, rooms: 10, settleSeconds: 12 },
    scaleOut: { kind: "closed", rooms: 4, clientsPerRoom: 8, burst: 50, warmupSeconds: 2, seconds: 10 },
    fanoutRounds: 3,
  },
};
