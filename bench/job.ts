/** What the orchestrator asks of the load generator, and what it answers: plain JSON both ways. */
export type Wire = "bare" | "socketio" | "parley";

export interface TargetRef {
  name: string;
  wire: Wire;
  /** One URL per server instance (http://127.0.0.1:PORT); clients of room r use urls[r % urls.length]. */
  urls: string[];
  /** Server process ids, for CPU and memory readings. */
  pids: number[];
  /** Parley's accounts and rooms, made beforehand; otherwise the load generator signs up its own. */
  accounts?: ParleyAccounts;
}

/** Session cookies of signed-up people, and the slugs of their rooms. */
export interface ParleyAccounts {
  cookies: string[];
  slugs: string[];
}

export type Job =
  | { kind: "closed"; rooms: number; clientsPerRoom: number; burst: number; warmupSeconds: number; seconds: number }
  | {
      kind: "open";
      rooms: number;
      clientsPerRoom: number;
      stepSeconds: number;
      startRate: number;
      factor: number;
      maxRate: number;
      p99LimitMs: number;
      /** Run only these rates, in this order (after a warm-up at half the first), instead of stepping. */
      rates?: number[];
      /**
       * After the warm-up at half the first rate, this many seconds more at the first rate, unrecorded:
       * long enough for the runtime to have compiled the server's message path at its top tier.
       */
      warmUpSeconds?: number;
      /** Parley: each send carries an idempotency key, and its answer (acknowledged or refused) is counted. */
      keyed?: boolean;
    }
  | { kind: "idle"; sockets: number; rooms: number; settleSeconds: number };

/** Server CPU (percent of one core, summed over instances) and memory over a measured window. */
export interface ServerUsage {
  cpuPercent: number;
  /** Of cpuPercent, the part spent in the kernel. */
  kernelPercent: number;
  rssMb: number;
  peakRssMb: number;
}

export interface ClosedResult {
  kind: "closed";
  deliveriesPerSecond: number;
  deliveries: number;
  seconds: number;
  /** Parley: sends refused in the window (load shedding), each sent again after a pause. */
  refused?: number;
  /** Frame bytes received per delivery (the frame's size for one message per frame). */
  bytesPerDelivery: number;
  /** Loopback bytes per delivery, both directions, with TCP/IP headers (after any compression). */
  wireBytesPerDelivery: number;
  server: ServerUsage;
  clientCpuPercent: number;
}

export interface LatencyStep {
  rate: number;
  deliveriesPerSecond: number;
  p50: number;
  p99: number;
  p999: number;
  missing: number;
  server: ServerUsage;
  /** The load generator's own CPU (percent of one core). */
  loadGeneratorCpuPercent: number;
  /** Every core of the machine: server, load generator, the kernel's network work, anything else (200% = two cores full). */
  machineCpuPercent: number;
  /**
   * Run between the last rate held and the first missed, after a step that missed: its server
   * (and the load generator) may still carry that step's backlog, so it narrows the highest rate
   * held but does not say where the thread saturates.
   */
  refinement?: boolean;
  /** Keyed sends only: how the server answered them, and acknowledged ones not delivered to the whole room. */
  answers?: Answers;
}

export interface Answers {
  acknowledged: number;
  /** Refused with a time to try again (admission control): nothing stored, the page sends it again. */
  refused: number;
  /** Neither acknowledged nor refused by the end of the step's wait. */
  unanswered: number;
  /** Acknowledged, yet not delivered to every member of the room by the end of the wait. */
  lost: number;
}

export interface OpenResult {
  kind: "open";
  steps: LatencyStep[];
  /** The highest rate (messages/s) whose p99 stayed under the limit with nothing missing (0 with `rates`). */
  maxRate: number;
}

export interface IdleResult {
  kind: "idle";
  sockets: number;
  rssBeforeMb: number;
  /** Once the first half of the sockets is open. */
  rssHalfMb: number;
  rssAfterMb: number;
  /** The first half's growth per socket: one-time costs of a first load included. */
  kbPerSocketFirstHalf: number;
  /** The second half's growth per socket: what one more idle socket costs. */
  kbPerSocket: number;
  server: ServerUsage;
}

export type Result = ClosedResult | OpenResult | IdleResult;

export interface LoadRequest {
  target: TargetRef;
  job: Job;
}
