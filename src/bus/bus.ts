export type BusStatus = "up" | "down";

/** Carries rendered fragments between instances. Topics are rooms; payloads are HTML. */
export interface Bus {
  /**
   * Whether other instances hear what is published here (Redis), rather than this process alone:
   * what "several instances" means to the parts that keep state beside the bus.
   */
  readonly shared: boolean;
  /**
   * Hands the payload to this instance's subscribers of the topic at once, and sends it on to
   * other instances' without waiting: whoever publishes never waits on the bus, and an outage
   * never throws. What another instance misses meanwhile, resync replays there.
   */
  publish(topic: string, payload: string): void;
  /**
   * Resolves once the subscription is live, or at once while the bus is down (it goes live when
   * the bus returns); the returned function ends it.
   */
  subscribe(topic: string, handler: (payload: string) => void): Promise<() => Promise<void>>;
  /** "up" while fragments flow between instances; shown on /healthz. */
  status(): BusStatus;
  /**
   * Calls the listener on every change of status(), after the change. With "down", `since` is
   * the last moment the bus knew that fragments reached the other instances: any published after
   * it, here or elsewhere, may have been missed.
   */
  onStatus(listener: (status: BusStatus, since: Date) => void): void;
  /** Resolves once the bus's connections are closed; status() is "down" from then on. */
  close(): Promise<void>;
}
