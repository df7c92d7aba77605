import type { Bus, BusStatus } from "./bus.ts";

/**
 * The Redis bus's status, followed from the events of its two connections and from the
 * heartbeat: "up" once the subscribing one listens to every room, the publishing one can send,
 * and Redis answers in time. Logs each change.
 */
export interface ConnectionState {
  /** Remembers why, for the next "down" line in the log. */
  failed(error: Error): void;
  publisherReady(): void;
  publisherLost(): void;
  subscriberReady(): void;
  /** Whether the subscribing connection listens to every room this instance wants. */
  listening(all: boolean): void;
  subscriberLost(): void;
  /** The heartbeat's verdict: Redis answers in time, or it hangs. */
  answering(yes: boolean): void;
  /** Whether sending is worth it: Redis answered the last heartbeat in time. */
  answers(): boolean;
  /** Redis answered a command sent at `sentAt`: it has everything this instance sent before. */
  confirmed(sentAt: Date): void;
  published(ok: boolean): void;
  status: Bus["status"];
  onStatus: Bus["onStatus"];
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
  now: () => Date = () => new Date(),
): ConnectionState {
  const listeners = new Set<(status: BusStatus, since: Date) => void>();
  // "starting" so that a Redis unreachable from the start is logged too.
  let current: BusStatus | "starting" = "starting";
  let listening = false;
  let answering = true;
  let lastError = "not connected yet";
  let publishFailing = false;
  let closing = false;
  let lostOnce = false;
  // Nothing confirmed yet: whatever was published since the start may have been missed.
  let confirmedAt = now();

  const reassess = () => {
    const next: BusStatus = listening && answering && publisher.status === "ready" ? "up" : "down";
    // While starting, one connection may be ready before the other: not an outage yet.
    if (next === current || closing || (current === "starting" && next === "down" && !lostOnce)) return;
    current = next;
    if (next === "up") log(`bus: redis at ${where} is up, listening to ${rooms()} room(s)`);
    else
      log(
        `bus: redis at ${where} is down (${lastError}); messages are still stored and reach this instance's ` +
          "sockets; other instances' messages arrive when it returns",
      );
    const since = next === "down" ? confirmedAt : now();
    for (const listener of listeners) listener(next, since);
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
      answering = true; // a new connection: it answered the handshake
      reassess();
    },
    publisherLost: lost,
    subscriberReady: connected,
    listening(all) {
      listening = all;
      if (all) reassess();
      else lost();
    },
    subscriberLost() {
      listening = false;
      lost();
    },
    answering(yes) {
      if (yes === answering) return;
      answering = yes;
      if (yes) reassess();
      else lost();
    },
    answers: () => answering,
    confirmed(sentAt) {
      if (sentAt > confirmedAt) confirmedAt = sentAt;
    },
    published(ok) {
      if (ok === publishFailing) {
        publishFailing = !ok;
        log(ok ? "bus: publishing to redis again" : `bus: cannot publish to redis (${lastError})`);
      }
    },
    status: () => (current === "up" && !closing ? "up" : "down"),
    onStatus: (listener) => void listeners.add(listener),
    close() {
      closing = true;
    },
  };
}
