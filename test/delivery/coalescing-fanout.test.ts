import type { WSContext } from "hono/ws";
import { describe, expect, it } from "vitest";
import { coalescing } from "../../src/delivery/coalescing-fanout.ts";
import { createSocketSetFanout } from "../../src/runtime/socket-set-fanout.ts";

const socket = () => {
  const sent: string[] = [];
  return { sent, ws: { raw: {}, readyState: 1, send: (data: string) => sent.push(data) } as unknown as WSContext };
};

/** A turn of the event loop, run by hand: what `coalescing` defers runs at `endTurn()`. */
const turns = () => {
  const deferred: (() => void)[] = [];
  return {
    defer: (run: () => void) => deferred.push(run),
    endTurn: () => {
      for (const run of deferred.splice(0)) run();
    },
  };
};

describe("coalescing fan-out", () => {
  it("sends a topic's fragments of one turn as one frame, in order, and nothing before the turn ends", () => {
    const turn = turns();
    const fanout = coalescing(createSocketSetFanout(), { defer: turn.defer });
    const [a, b] = [socket(), socket()];
    fanout.subscribe(a.ws, "room:1");
    fanout.subscribe(b.ws, "room:2");
    for (const n of [1, 2, 3]) fanout.publish("room:1", `<p>${n}</p>`);
    fanout.publish("room:2", "<p>other</p>");
    expect(a.sent).toEqual([]);
    turn.endTurn();
    expect(a.sent).toEqual(["<p>1</p><p>2</p><p>3</p>"]);
    expect(b.sent).toEqual(["<p>other</p>"]);

    fanout.publish("room:1", "<p>4</p>");
    turn.endTurn();
    expect(a.sent).toEqual(["<p>1</p><p>2</p><p>3</p>", "<p>4</p>"]);
  });

  it("splits a burst larger than a frame holds, never splitting a fragment", () => {
    const turn = turns();
    const fanout = coalescing(createSocketSetFanout(), { maxChars: 10, defer: turn.defer });
    const a = socket();
    fanout.subscribe(a.ws, "room:1");
    for (const text of ["aaaa", "bbbb", "cccc", "dddddddddddd", "e"]) fanout.publish("room:1", text);
    turn.endTurn();
    expect(a.sent).toEqual(["aaaabbbb", "cccc", "dddddddddddd", "e"]);
  });

  it("reaches a socket that joins before the turn ends, and not one that left", () => {
    const turn = turns();
    const fanout = coalescing(createSocketSetFanout(), { defer: turn.defer });
    const [leaving, joining] = [socket(), socket()];
    fanout.subscribe(leaving.ws, "room:1");
    fanout.publish("room:1", "<p>1</p>");
    fanout.unsubscribe(leaving.ws, "room:1");
    fanout.subscribe(joining.ws, "room:1");
    turn.endTurn();
    expect([leaving.sent, joining.sent]).toEqual([[], ["<p>1</p>"]]);
  });
});
