import { Gauge, type Registry } from "prom-client";

/** How often the drift timer asks to run: late by more than this is the loop being held. */
const tickMs = 250;

/**
 * Two gauges every runtime gives the same meaning, beside prom-client's defaults: Deno's
 * monitorEventLoopDelay does not see a blocked loop (50 ms of busy work read as 2 ms here),
 * and its resident memory read from /proc comes out 0. A timer's lateness is the loop's delay
 * on any runtime; `process.memoryUsage.rss()` is the resident memory on all three.
 * Returns the function that stops the timer (it never keeps a process alive either way).
 */
export function runtimeGauges(registry: Registry, { now = () => performance.now() } = {}): () => void {
  let worst = 0;
  let expected = now() + tickMs;
  const timer = setInterval(() => {
    const late = now() - expected;
    if (late > worst) worst = late;
    expected = now() + tickMs;
  }, tickMs);
  (timer as { unref?: () => void }).unref?.();
  new Gauge({
    name: "parley_event_loop_delay_seconds",
    help: "The longest a timer ran late since the last scrape: how long the event loop was held.",
    registers: [registry],
    collect() {
      this.set(Math.max(0, worst) / 1000);
      worst = 0;
    },
  });
  new Gauge({
    name: "parley_resident_memory_bytes",
    help: "The process's resident memory (RSS).",
    registers: [registry],
    collect() {
      this.set(process.memoryUsage.rss());
    },
  });
  return () => clearInterval(timer);
}
