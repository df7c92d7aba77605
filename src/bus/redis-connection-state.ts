import type { BusStatus } from "./bus.ts";

/**
 * The Redis bus's status, followed from the events of its two connections: "up" once the
 * subscribing one listens to every room again and the publishing one can send. Logs each change.
 */
export interface ConnectionState {
  failed(error: Error): void;
  publisherReady(): void;
  publisherLost(): void;
  subscriberReady(): void;
  /** Every room this instance wants listens again on the subscribing connection. */
  subscriberListening(): void;
  subscriberLost(): void;
  /** Whether fragments published now come back through our own subscription. */
  listens(): boolean;
  published(ok: boolean): void;
  status(): BusStatus;
  onStatus(listener: (status: BusStatus) => void): void;
  close(): void;
}

/**
 * @param publisher read afresh at every change: ioredis says "ready" when it can send
 * @param rooms how many rooms the subscribing connection listens to, for the log
 */
export function createConnectionState(
  where: string,
  publisher: { readonly status: string },
  rooms: () => number,
  log: (line: string) => void,
): ConnectionState {
  const listeners = new Set<(status: BusStatus) => void>();
  // "starting" so that a Redis unreachable from the start is logged too.
  let current: BusStatus | "starting" = "starting";
  let listening = false;
  let lastError = "not connected yet";
  let publishFailing = false;
  let closing = false;
  let lostOnce = false;

  const reassess = () => {
    const next: BusStatus = listening && publisher.status === "ready" ? "up" : "down";
    // While starting, one connection may be ready before the other: not an outage yet.
    if (next === current || closing || (current === "starting" && next === "down" && !lostOnce)) return;
    current = next;
    if (next === "up") log(`bus: redis at ${where} is up, listening to ${rooms()} room(s)`);
    else
      log(
        `bus: redis at ${where} is down (${lastError}); messages are still stored and reach this instance's ` +
          "sockets; other instances' messages arrive when it returns",
      );
    for (const listener of listeners) listener(next);
  };
  const failed = (error: Error) => {
    lastError = error.message || error.name;
  };
  // A crashed Redis just closes the socket: say so unless an error tells more.
  const connected = () => {
    lastError = "connection lost";
  };
  const lost = () => {
    lostOnce = true;
    reassess();
  };

  return {
    failed,
    publisherReady() {
      connected();
      reassess();
    },
    publisherLost: lost,
    subscriberReady: connected,
    subscriberListening() {
      listening = true;
      reassess();
    },
    subscriberLost() {
      listening = false;
      lost();
    },
    listens: () => listening,
    published(ok) {
      if (ok === publishFailing) {
        publishFailing = !ok;
        log(ok ? "bus: publishing to redis again" : `bus: cannot publish to redis (${lastError})`);
      }
    },
    status: () => (current === "up" ? "up" : "down"),
    onStatus: (listener) => void listeners.add(listener),
    close() {
      closing = true;
    },
  };
}
