import type { WSContext } from "hono/ws";
import { describe, expect, it } from "vitest";
import { createSocketSetFanout } from "../../src/runtime/socket-set-fanout.ts";

const socket = (readyState = 1) => {
  const sent: string[] = [];
  const raw = {};
  return { sent, ws: { raw, readyState, send: (data: string) => sent.push(data) } as unknown as WSContext };
};

describe("fan-out by socket sets (Node, Deno)", () => {
  it("delivers a topic's fragment to each of its open sockets once", () => {
    const fanout = createSocketSetFanout();
    const [a, b, elsewhere, closing] = [socket(), socket(), socket(), socket(2)];
    fanout.subscribe(a.ws, "room:1");
    fanout.subscribe(a.ws, "room:1");
    fanout.subscribe(b.ws, "room:1");
    fanout.subscribe(closing.ws, "room:1");
    fanout.subscribe(elsewhere.ws, "room:2");
    fanout.publish("room:1", "<p>hi</p>");
    expect([a.sent, b.sent, elsewhere.sent, closing.sent]).toEqual([["<p>hi</p>"], ["<p>hi</p>"], [], []]);
  });

  it("knows a socket by its raw socket, whichever context the adapter hands over", () => {
    const fanout = createSocketSetFanout();
    const a = socket();
    fanout.subscribe(a.ws, "room:1");
    fanout.unsubscribe({ ...a.ws, raw: a.ws.raw } as WSContext, "room:1");
    fanout.publish("room:1", "gone");
    expect(a.sent).toEqual([]);
  });
});
