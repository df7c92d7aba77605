import { describe, expect, it } from "vitest";
import { paceReadMarks } from "../../src/live/read-marks.ts";

/** A clock and timers the test moves by hand: no sleeps, no wall-clock durations. */
function manualTime() {
  let now = 0;
  const timers: { at: number; run: () => void }[] = [];
  return {
    now: () => now,
    later: (run: () => void, ms: number) => {
      timers.push({ at: now + ms, run });
    },
    advance(ms: number) {
      now += ms;
      for (const timer of timers.filter((t) => t.at <= now)) {
        timers.splice(timers.indexOf(timer), 1);
        timer.run();
      }
    },
    pending: () => timers.length,
  };
}

describe("a socket's read marks", () => {
  it("write at once, then at most once a second, the latest mark of the second winning", async () => {
    const time = manualTime();
    const marks = paceReadMarks({ everyMs: 1000, now: time.now, later: time.later });
    const socket = {};
    const written: number[] = [];
    const write = async (id: number) => {
      written.push(id);
    };

    marks.take(socket, 5, write);
    expect(written).toEqual([5]);
    // A flood within the second: no write now, one timer, the newest kept.
    for (let id = 6; id <= 500; id++) marks.take(socket, id, write);
    marks.take(socket, 7, write);
    expect(written).toEqual([5]);
    expect(time.pending()).toBe(1);
    time.advance(1000);
    expect(written).toEqual([5, 500]);

    // A quiet second later, the next mark is written at once again.
    time.advance(1000);
    marks.take(socket, 501, write);
    expect(written).toEqual([5, 500, 501]);
  });

  it("paces each socket on its own", () => {
    const time = manualTime();
    const marks = paceReadMarks({ everyMs: 1000, now: time.now, later: time.later });
    const written: string[] = [];
    marks.take({}, 1, async (id) => void written.push(`a${id}`));
    marks.take({}, 1, async (id) => void written.push(`b${id}`));
    expect(written).toEqual(["a1", "b1"]);
  });

  it("logs a failed write and keeps pacing", async () => {
    const time = manualTime();
    const logged: string[] = [];
    const marks = paceReadMarks({ everyMs: 1000, now: time.now, later: time.later, log: (line) => logged.push(line) });
    const socket = {};
    const failed = marks.take(socket, 1, async () => {
      throw new Error("disk full");
    });
    await failed;
    expect(logged.join()).toContain("disk full");
  });
});
