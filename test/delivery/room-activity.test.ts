import type { WSContext } from "hono/ws";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createMemoryBus } from "../../src/bus/memory.ts";
import { type Badge, countsEveryMs, createRoomActivity } from "../../src/delivery/room-activity.ts";

/** A page's socket as the activity channel sees it: what it was sent, and when. */
const page = () => {
  const sent: { at: number; text: string }[] = [];
  const ws = { send: (text: string) => sent.push({ at: Date.now(), text }), raw: {} } as unknown as WSContext;
  return { ws, sent };
};
const latest = { name: "bob", preview: "hi", at: new Date().toISOString() };

describe("unread counts on a page", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("go at once, then at most one batch per interval, each room at its latest count", async () => {
    // The interval's clock is the test's: order and counts are asserted, never the machine's speed.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const activity = createRoomActivity(createMemoryBus(), 100);
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
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.map((frame) => frame.text)).toEqual(["room 1: 1"]);
    await vi.advanceTimersByTimeAsync(countsEveryMs - 1);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent.map((frame) => frame.text)).toEqual(["room 1: 1", "room 2: 25, room 1: 25"]);
    await vi.advanceTimersByTimeAsync(countsEveryMs / 2);
    expect(sent).toHaveLength(2);

    // Quiet again: the next news goes at once.
    await vi.advanceTimersByTimeAsync(countsEveryMs);
    activity.announce({ roomId: 2, id: 51, author: 8, mentions: [], latest });
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.at(-1)?.text).toBe("room 2: 26");
    expect(sent).toHaveLength(3);
    activity.unwatch(ws);
  });
});
