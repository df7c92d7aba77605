/**
 * Promises that resolve once a condition holds, tested again at every `check()`: for waiting on
 * state that changes in several places (what a connection listens to) without polling it.
 */
export function createConditions() {
  const waiting = new Set<() => boolean>();
  return {
    /** Resolves at once if `holds()`, else at the first `check()` that finds it true. */
    until: (holds: () => boolean) =>
      new Promise<void>((resolve) => {
        const waiter = () => {
          const held = holds();
          if (held) resolve();
          return held;
        };
        if (!waiter()) waiting.add(waiter);
      }),
    check() {
      for (const waiter of waiting) if (waiter()) waiting.delete(waiter);
    },
  };
}
