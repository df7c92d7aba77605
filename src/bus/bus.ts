export type BusStatus = "up" | "down";

/** Carries rendered fragments between instances. Topics are rooms; payloads are HTML. */
export interface Bus {
  /**
   * Sends the payload to every subscriber of the topic, on every instance (this one included),
   * once. Never rejects for an outage: the fragment is then missed elsewhere, and resync covers it.
   */
  publish(topic: string, payload: string): Promise<void>;
  /**
   * Resolves once the subscription is live, or at once while the bus is down (it goes live when
   * the bus returns); the returned function ends it.
   */
  subscribe(topic: string, handler: (payload: string) => void): Promise<() => Promise<void>>;
  /** "up" while fragments flow between instances; shown on /healthz. */
  status(): BusStatus;
  /** Calls the listener on every change of status(), after the change. */
  onStatus(listener: (status: BusStatus) => void): void;
  close(): Promise<void>;
}
