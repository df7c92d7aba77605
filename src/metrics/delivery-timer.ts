/**
 * Delivery time without a timer per message: each stored message's receipt time waits in one
 * reused array, and one microtask per turn observes them all. The microtask is queued after
 * the message was published, so it runs after the coalescing fan-out's flush of that turn
 * (src/delivery/coalescing-fanout.ts queues its own first): the time measured ends when the
 * last local socket of the turn was written to, or when there was none.
 */
export function deliveryTimer(
  observe: (seconds: number) => void,
  /** How many messages the turn stored: counted once per turn, not once each. */
  counted: (messages: number) => void,
  { now = () => performance.now(), defer = queueMicrotask as (run: () => void) => unknown } = {},
) {
  const waiting: number[] = [];
  const flush = () => {
    const end = now();
    counted(waiting.length);
    for (const receivedAt of waiting) observe((end - receivedAt) / 1000);
    waiting.length = 0;
  };
  return (receivedAt: number): void => {
    if (waiting.length === 0) defer(flush);
    waiting.push(receivedAt);
  };
}
