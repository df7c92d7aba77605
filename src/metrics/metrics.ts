import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { deliveryTimer } from "./delivery-timer.ts";
import { hotHistogram } from "./hot-histogram.ts";
import { runtimeGauges } from "./runtime-gauges.ts";

/**
 * Why a message or a frame was refused: a small fixed set, so the counter stays a handful of
 * series whatever people send. Never a room, a person or the text.
 */
export const refusalReasons = [
  "invalid",
  "too_large",
  "rate_limited",
  "busy",
  "forbidden",
  "screened",
  "unsupported",
  "no_space",
] as const;
export type RefusalReason = (typeof refusalReasons)[number];

/** Seconds, from half a millisecond to a few seconds: a commit, a delivery, a hop through Redis. */
const latencyBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** What the metrics read when scraped rather than count as things happen. */
export interface Watched {
  /** Open WebSockets on this instance. */
  sockets?: () => number;
  /** Whether fragments flow between instances ("up"), or this process's alone. */
  bus?: () => "up" | "down";
}

/**
 * One app's metrics, in a registry of its own (a test process builds many apps; a host may run
 * two Parleys): the parts that count are handed these functions, never the registry. Each is
 * a counter's `inc` or a histogram's `observe` on a series made here, once.
 */
export function createMetrics() {
  const registry = new Registry();
  const registers = [registry];
  const messages = new Counter({
    name: "parley_messages_total",
    help: "Messages stored by this instance (a resent idempotency key is not counted again).",
    registers,
  });
  const deliveries = new Counter({
    name: "parley_deliveries_total",
    help: "Frames fanned out to this instance's sockets in a room (one per socket reached); replies to one socket are not counted.",
    registers,
  });
  const refusals = new Counter({
    name: "parley_refusals_total",
    help: "Messages and frames refused, by reason.",
    labelNames: ["reason"],
    registers,
  });
  // Every reason at 0 from the start: rate() over a series that appears at its first refusal misses that one.
  for (const reason of refusalReasons) refusals.inc({ reason }, 0);
  const refusalSeries = Object.fromEntries(refusalReasons.map((reason) => [reason, refusals.labels(reason)])) as Record<
    RefusalReason,
    { inc(): void }
  >;
  const commits = new Histogram({
    name: "parley_store_commit_seconds",
    help: "Time to commit one group of message writes (one event-loop turn's, in one transaction).",
    buckets: latencyBuckets,
    registers,
  });
  // Observed once per message: the others once per turn or per hop.
  const delivery = hotHistogram({
    name: "parley_delivery_seconds",
    help: "From a message's receipt to the end of its fan-out to this instance's sockets.",
    buckets: latencyBuckets,
    registers,
  });
  const busLag = new Histogram({
    name: "parley_bus_lag_seconds",
    help: "From another instance's publish to this instance's receipt, through Redis (hosts' clocks).",
    buckets: latencyBuckets,
    registers,
  });
  const watched: Watched = {};
  new Gauge({
    name: "parley_sockets_open",
    help: "Open WebSockets on this instance.",
    registers,
    collect() {
      this.set(watched.sockets?.() ?? 0);
    },
  });
  new Gauge({
    name: "parley_bus_up",
    help: "1 while fragments flow between instances (always 1 on the in-process bus), else 0.",
    registers,
    collect() {
      this.set(watched.bus?.() === "down" ? 0 : 1);
    },
  });
  let stopRuntime: (() => void) | undefined;

  return {
    registry,
    /** A message was stored; `receivedAt` (performance.now()) starts its delivery time. */
    stored: deliveryTimer(
      (seconds) => delivery.observe(seconds),
      (stored) => messages.inc(stored),
    ),
    refused: (reason: RefusalReason) => refusalSeries[reason].inc(),
    /** A frame went to `sockets` local sockets at once. */
    delivered: (sockets: number) => {
      if (sockets > 0) deliveries.inc(sockets);
    },
    committed: (seconds: number) => commits.observe(seconds),
    busLag: (seconds: number) => busLag.observe(Math.max(0, seconds)),
    /** Reads these when scraped; a later call replaces what it names. */
    watch(sources: Watched) {
      Object.assign(watched, sources);
    },
    /**
     * The process's own: event-loop delay and resident memory the same on every runtime
     * (runtime-gauges.ts), and prom-client's defaults (heap, CPU, handles; their event-loop
     * lag means little on Deno). Only once something will read them: they keep timers running.
     */
    measureRuntime() {
      if (stopRuntime) return;
      stopRuntime = runtimeGauges(registry);
      collectDefaultMetrics({ register: registry, prefix: "parley_" });
    },
    /** Stops what measureRuntime started (the kit's close). */
    stop() {
      stopRuntime?.();
    },
    /** The Prometheus text of every metric, and its content type. */
    async scrape() {
      return { text: await registry.metrics(), contentType: registry.contentType };
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
