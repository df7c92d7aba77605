/**
 * Time run by hand: what a module hands `later` or `every` runs when `advance` passes its moment,
 * in order of moments, each awaited, so a test asserts order and counts and never waits on the
 * machine's speed (as coalescing-fanout.test.ts runs turns by hand). A drop-in for the `now`,
 * `later` and `every` options.
 */
export function manualClock(start = 0) {
  let now = start;
  type Timer = { at: number; run: () => unknown; every?: number };
  const timers: Timer[] = [];
  const forget = (timer: Timer) => {
    const at = timers.indexOf(timer);
    if (at >= 0) timers.splice(at, 1);
  };
  return {
    now: () => now,
    later: (run: () => unknown, ms: number) => {
      timers.push({ at: now + ms, run });
    },
    every: (ms: number, run: () => unknown) => {
      const timer = { at: now + ms, run, every: ms };
      timers.push(timer);
      return () => forget(timer);
    },
    /** Moves time on by `ms`, running what falls due; then lets the promises they started settle. */
    async advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const due = timers.filter((timer) => timer.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        now = due.at;
        if (due.every) due.at += due.every;
        else forget(due);
        await due.run();
      }
      now = until;
      // One turn of the event loop: every promise chain the timers started has run by then.
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}
