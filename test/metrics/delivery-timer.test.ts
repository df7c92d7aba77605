import { describe, expect, it } from "vitest";
import { deliveryTimer } from "../../src/metrics/delivery-timer.ts";

describe("a message's delivery time", () => {
  it("ends once per turn, after the fan-out queued before it, for every message of that turn", () => {
    const queued: (() => void)[] = [];
    let clock = 0;
    const observed: number[] = [];
    let counted = 0;
    const stored = deliveryTimer(
      (seconds) => observed.push(seconds),
      (messages) => {
        counted += messages;
      },
      { now: () => clock, defer: (run) => queued.push(run) },
    );
    // The coalescing fan-out's flush is queued first, by the publish before `stored`.
    const order: string[] = [];
    queued.push(() => order.push("fan-out"));
    stored(0);
    clock = 2;
    stored(1);
    expect(queued).toHaveLength(2); // one wait for the whole turn, not one per message
    clock = 5;
    for (const run of queued.splice(0)) {
      run();
      order.push("run");
    }
    expect(order[0]).toBe("fan-out");
    expect(observed).toEqual([0.005, 0.004]);
    expect(counted).toBe(2);
    // The next turn starts afresh.
    stored(5);
    clock = 6;
    for (const run of queued.splice(0)) run();
    expect(observed).toEqual([0.005, 0.004, 0.001]);
  });
});
