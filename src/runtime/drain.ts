import type { OpenSockets } from "../kit/open-sockets.ts";
import type { Log } from "../logs/logger.ts";

/** How long requests in flight get to finish after a shutdown signal before the process goes anyway. */
const graceMs = 10_000;

interface Parts {
  /** /readyz answers 503 "draining" from this call on. */
  startDraining: () => void;
  /** How long to keep serving, unready, before closing sockets: a load balancer's time to notice (DRAIN_DELAY_MS). */
  delayMs: number;
  log: Log;
  /** Stops listening; resolves once the runtime's connections have finished. */
  stopAccepting: () => Promise<void>;
  openSockets: OpenSockets;
  /** Closes the bus and the store (see openParts); the store commits the writes already queued. */
  close: () => Promise<void>;
}

let draining: Promise<void> | null = null;

/**
 * A graceful stop (SIGTERM, SIGINT), the same on every runtime. First /readyz turns 503
 * "draining" and everything keeps working for `delayMs`, so a load balancer stops sending new
 * requests and sockets here before any closes (they would reconnect to this instance otherwise).
 * Then sockets close with 1001
 * "going away", since a runtime's own shutdown would close them with its own code; htmx waits
 * a moment, reconnects (to another instance behind the proxy, by then) and catches up from
 * what the page shows. Then the listener stops, requests in flight finish (bounded), and the
 * store commits its queued writes and closes. Sends still in a page's "sending" list are
 * resent after the reconnect; their idempotency keys make that harmless.
 */
export function drain(parts: Parts): Promise<void> {
  // A second signal during the drain waits for the first one's, not a second close.
  draining ??= drainOnce(parts);
  return draining;
}

async function drainOnce(parts: Parts): Promise<void> {
  parts.startDraining();
  parts.log.info({ delayMs: parts.delayMs, sockets: parts.openSockets.size }, "draining");
  if (parts.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, parts.delayMs));
  await parts.openSockets.closeAll(1001, "going away");
  const finished = parts.stopAccepting().catch((err) => parts.log.error({ err }, "shutdown: stop listening failed"));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeUp = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, graceMs);
  });
  await Promise.race([finished, timeUp]);
  clearTimeout(timer);
  await parts.close();
  parts.log.info("stopped");
}

/** What a standalone server's drain takes from its Parley and its settings. */
export const drainParts = (
  parley: { openSockets: OpenSockets; close: () => Promise<void>; drain: () => void; log: Log },
  config: { DRAIN_DELAY_MS: number },
) => ({
  startDraining: parley.drain,
  delayMs: config.DRAIN_DELAY_MS,
  log: parley.log,
  openSockets: parley.openSockets,
  close: parley.close,
});
