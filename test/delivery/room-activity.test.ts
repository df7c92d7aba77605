import type { WSContext } from "hono/ws";
import { describe, expect, it } from "vitest";
import { createMemoryBus } from "../../src/bus/memory.ts";
import { type Badge, countsEveryMs, createRoomActivity } from "../../src/delivery/room-activity.ts";
import { manualClock } from "../support/manual-clock.ts";

/** A page's socket as the activity channel sees it: what it was sent. */
const page = () => {
  const sent: { text: string }[] = [];
  const ws = { send: (text: string) => sent.push({ text }), raw: {} } as unknown as WSContext;
  return { ws, sent };
};
const latest = { name: "bob", preview: "hi", at: new Date().toISOString() };

describe("unread counts on a page", () => {
  it("go at once, then at most one batch per interval, each room at its latest count", async () => {
    // The interval's clock is the test's: order and counts are asserted, never the machine's speed.
    const clock = manualClock(1_000_000);
    const activity = createRoomActivity(createMemoryBus(), 100, { now: clock.now, later: clock.later });
    const { ws, sent } = page();
    const rooms = new Map([
      [1, { lastReadId: 0, unread: 0, mentions: 0 }],
      [2, { lastReadId: 0, unread: 0, mentions: 0 }],
    ]);
    const render = async (badges: Badge[]) =>
      badges
        .map(({ roomId, state, latest }) => `room ${roomId}: ${state.unread}${latest ? "" : " (no news)"}`)
        .join(", ");
    activity.watch(ws, { user: 7, rooms, render });

    // A burst across two rooms: the first news at once, the rest together in one frame, once per room.
    for (let id = 1; id <= 50; id++) activity.announce({ roomId: id % 2 ? 1 : 2, id, author: 8, mentions: [], latest });
    await clock.advance(0);
    expect(sent.map((frame) => frame.text)).toEqual(["room 1: 1"]);
    await clock.advance(countsEveryMs - 1);
    expect(sent).toHaveLength(1);
    await clock.advance(1);
    expect(sent.map((frame) => frame.text)).toEqual(["room 1: 1", "room 2: 25, room 1: 25"]);
    await clock.advance(countsEveryMs / 2);
    expect(sent).toHaveLength(2);

    // Quiet again: the next news goes at once.
    await clock.advance(countsEveryMs);
    activity.announce({ roomId: 2, id: 51, author: 8, mentions: [], latest });
    await clock.advance(0);
    expect(sent.at(-1)?.text).toBe("room 2: 26");
    expect(sent).toHaveLength(3);
    activity.unwatch(ws);
  });

  it("drop what a page was still to be sent once it is no longer watched", async () => {
    const clock = manualClock(1_000_000);
    const activity = createRoomActivity(createMemoryBus(), 100, { now: clock.now, later: clock.later });
    const { ws, sent } = page();
    const rooms = new Map([[1, { lastReadId: 0, unread: 0, mentions: 0 }]]);
    activity.watch(ws, { user: 7, rooms, render: async (badges) => `${badges[0]?.state.unread}` });
    for (let id = 1; id <= 3; id++) activity.announce({ roomId: 1, id, author: 8, mentions: [], latest });
    await clock.advance(0);
    activity.unwatch(ws);
    await clock.advance(countsEveryMs);
    expect(sent.map((frame) => frame.text)).toEqual(["1"]);
  });
});
