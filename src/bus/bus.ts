/** Carries rendered fragments between instances. Topics are rooms; payloads are HTML. */
export interface Bus {
  /** Sends the payload to every subscriber of the topic, on every instance (this one included). */
  publish(topic: string, payload: string): Promise<void>;
  /** Resolves once the subscription is live; the returned function ends it. */
  subscribe(topic: string, handler: (payload: string) => void): Promise<() => Promise<void>>;
  /** "up" while fragments flow between instances; shown on /healthz. */
  status(): "up" | "down";
  close(): Promise<void>;
}
