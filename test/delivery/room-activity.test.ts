import type { WSContext } from "hono/ws";
import { describe, expect, it } from "vitest";
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
  it("go at once, then at most one batch per interval, each room at its latest count", async () => {
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
    await expect.poll(() => sent.length).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, countsEveryMs / 2));
    expect(sent.map((frame) => frame.text)).toEqual(["room 1: 1", "room 2: 25, room 1: 25"]);
    const [first, second] = sent;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(countsEveryMs - 5);

    // Quiet again: the next news goes at once.
    await new Promise((resolve) => setTimeout(resolve, countsEveryMs));
    const before = sent.length;
    activity.announce({ roomId: 2, id: 51, author: 8, mentions: [], latest });
    await expect.poll(() => sent.length, { timeout: 50, interval: 5 }).toBe(before + 1);
    expect(sent.at(-1)?.text).toBe("room 2: 26");
    activity.unwatch(ws);
  });
});
