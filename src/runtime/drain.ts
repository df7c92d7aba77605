import type { OpenSockets } from "../kit/open-sockets.ts";

/** How long requests in flight get to finish after a shutdown signal before the process goes anyway. */
const graceMs = 10_000;

interface Parts {
  /** Stops listening; resolves once the runtime's connections have finished. */
  stopAccepting: () => Promise<void>;
  openSockets: OpenSockets;
  /** Closes the bus and the store (see openParts); the store commits the writes already queued. */
  close: () => Promise<void>;
}

let draining: Promise<void> | null = null;

/**
 * A graceful stop (SIGTERM, SIGINT), the same on every runtime. Sockets close first with 1001
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
  await parts.openSockets.closeAll(1001, "going away");
  const finished = parts.stopAccepting().catch((error) => console.error("shutdown:", error));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeUp = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, graceMs);
  });
  await Promise.race([finished, timeUp]);
  clearTimeout(timer);
  await parts.close();
}
