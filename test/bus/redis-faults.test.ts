import { describe, expect, it } from "vitest";
import type { BusStatus } from "../../src/bus/bus.ts";
import { createRedisFaults } from "../../src/bus/redis-faults.ts";

/** A bus whose status the test sets, calling its listeners as the Redis bus does. */
function busAt(initial: BusStatus) {
  let status = initial;
  const listeners: ((status: BusStatus, since: Date) => void)[] = [];
  return {
    status: () => status,
    onStatus: (listener: (status: BusStatus, since: Date) => void) => void listeners.push(listener),
    become(next: BusStatus) {
      status = next;
      for (const listener of listeners) listener(next, new Date());
    },
  };
}

/** What ioredis rejects with when Redis answers with an error (its ReplyError, by name). */
const replyError = (message: string, previous?: string) =>
  Object.assign(new Error(message), {
    name: "ReplyError",
    ...(previous ? { previousErrors: [Object.assign(new Error(previous), { name: "ReplyError" })] } : {}),
  });

describe("what Redis does to presence and the limits", () => {
  it("names a refused command once in the log and on /healthz, until that part's commands work", () => {
    const lines: string[] = [];
    const faults = createRedisFaults(busAt("up"), (line) => lines.push(line));
    const refused = replyError(
      "EXECABORT Transaction discarded because of previous errors.",
      "NOPERM this user has no permissions to run the 'multi' command",
    );
    faults.failed("presence", refused);
    faults.failed("presence", refused);
    faults.failed("limits", replyError("NOPERM this user has no permissions to run the 'evalsha' command"));
    expect(faults.refused()).toEqual([
      "presence: NOPERM this user has no permissions to run the 'multi' command",
      "limits: NOPERM this user has no permissions to run the 'evalsha' command",
    ]);
    faults.succeeded("presence");
    faults.succeeded("presence");
    expect(faults.refused()).toEqual(["limits: NOPERM this user has no permissions to run the 'evalsha' command"]);
    expect(lines).toEqual([
      "presence: Redis refuses its commands (NOPERM this user has no permissions to run the 'multi' command); see docs/security.md",
      "limits: Redis refuses its commands (NOPERM this user has no permissions to run the 'evalsha' command); see docs/security.md",
      "presence: Redis accepts its commands again",
    ]);
  });

  it("counts what fails while Redis is away, and says how many in one line when it is back", () => {
    const lines: string[] = [];
    const bus = busAt("up");
    const faults = createRedisFaults(bus, (line) => lines.push(line));
    let lost = 0;
    faults.onLost(() => lost++);
    bus.become("down");
    expect(faults.answers()).toBe(false);
    for (let i = 0; i < 1000; i++) faults.failed("presence", new Error("Command timed out"));
    expect(faults.refused()).toEqual([]);
    bus.become("up");
    expect(faults.answers()).toBe(true);
    expect(lost).toBe(1);
    expect(lines).toEqual(["redis: answers again; skipped 1000 failed command(s) of presence while it was away"]);
    // Before the bus has noticed: one line says why, then it counts.
    faults.failed("presence", new Error("Command timed out"));
    faults.failed("presence", new Error("Command timed out"));
    bus.become("down");
    bus.become("up");
    expect(lines.slice(1)).toEqual([
      "presence: Redis did not answer (Command timed out)",
      "redis: answers again; skipped 2 failed command(s) of presence while it was away",
    ]);
  });
});
