import type { Bus } from "./bus.ts";

/**
 * How the parts that keep state on Redis beside the bus (presence, shared limits) learn whether
 * Redis answers, and where their failures go. They follow the bus's heartbeat rather than time
 * out on their own: while the bus knows Redis is down they do not send to it at all, so a hang
 * costs no one a timeout. Their failures are of two kinds:
 * - Redis refused a command (NOPERM from an ACL, WRONGTYPE, OOM): a setting to fix, so it is
 *   logged once per part and named on /healthz (degraded) until that part's commands work again;
 * - Redis did not answer (a timeout, a lost connection): the bus logs the outage once, so these
 *   are only counted, and the count is said in one line when Redis is back. An outage used to
 *   log a stack per socket, thousands of lines per instance.
 */
export interface RedisFaults {
  /** Whether Redis answers, as the bus knows it: false while it is down (or not up yet). */
  answers(): boolean;
  /** Calls `listener` each time Redis stops answering. */
  onLost(listener: () => void): void;
  /** A command of `part` failed; the caller carries on without Redis either way. */
  failed(part: string, error: unknown): void;
  /** A command of `part` worked: whatever Redis refused it before is over. */
  succeeded(part: string): void;
  /** One line per part whose commands Redis refuses, for /healthz. */
  refused(): string[];
}

/** Redis answered, with an error: ioredis names those ReplyError (EXECABORT carries the real ones). */
export const refusal = (error: unknown): string | null => {
  if (!(error instanceof Error) || error.name !== "ReplyError") return null;
  const first = (error as Error & { previousErrors?: Error[] }).previousErrors?.[0];
  const message = (first ?? error).message;
  // A cluster missing a node, or moving slots, says so in a reply: that is an outage, not a setting.
  return /^(CLUSTERDOWN|TRYAGAIN|MOVED|ASK|LOADING)\b/.test(message) ? null : message;
};

export function createRedisFaults(bus: Pick<Bus, "status" | "onStatus">, log: (line: string) => void): RedisFaults {
  const refusals = new Map<string, string>();
  const lostListeners = new Set<() => void>();
  let skipped = 0;
  let parts = new Set<string>();
  let saidUnanswered = false;

  bus.onStatus((status) => {
    if (status === "down") {
      for (const listener of lostListeners) listener();
      return;
    }
    if (skipped > 0) {
      log(
        `redis: answers again; skipped ${skipped} failed command(s) of ${[...parts].sort().join(", ")} while it was away`,
      );
    }
    skipped = 0;
    parts = new Set();
    saidUnanswered = false;
  });

  return {
    answers: () => bus.status() === "up",
    onLost: (listener) => void lostListeners.add(listener),
    failed(part, error) {
      const refused = refusal(error);
      if (refused !== null) {
        if (!refusals.has(part)) log(`${part}: Redis refuses its commands (${refused}); see docs/security.md`);
        refusals.set(part, refused);
        return;
      }
      skipped++;
      parts.add(part);
      // Usually the bus has already said Redis is down; if not yet, one line says why.
      if (bus.status() === "up" && !saidUnanswered) {
        saidUnanswered = true;
        log(`${part}: Redis did not answer (${error instanceof Error ? error.message : String(error)})`);
      }
    },
    succeeded(part) {
      if (refusals.delete(part)) log(`${part}: Redis accepts its commands again`);
    },
    refused: () => [...refusals].map(([part, why]) => `${part}: ${why}`),
  };
}

/** For a part used without a bus (tests, one instance): Redis always answers, faults are thrown away. */
export const noFaults: RedisFaults = {
  answers: () => true,
  onLost: () => {},
  failed: () => {},
  succeeded: () => {},
  refused: () => [],
};
