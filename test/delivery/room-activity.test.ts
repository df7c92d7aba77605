import type { WSContext } from "hono/ws";
import { describe, expect, it } from "vitest";
import { createMemoryBus } from "../../src/bus/memory.ts";
import { type Badge, type CountedState, countsEveryMs, createRoomActivity } from "../../src/delivery/room-activity.ts";
import { activityTopic } from "../../src/delivery/topics.ts";
import { manualClock } from "../support/manual-clock.ts";

/** A page's socket as the activity channel sees it: what it was sent. */
const page = () => {
  const sent: { text: string }[] = [];
  const ws = { send: (text: string) => sent.push({ text }), raw: {} } as unknown as WSContext;
  return { ws, sent };
};
const latest = { name: "bob", preview: "hi", at: new Date().toISOString() };

/** Reader 7's page counting room 1 from `state`, on the test's clock; each frame sent is the room's unread count. */
const pageCountingRoom1 = (state: CountedState) => {
  const clock = manualClock(1_000_000);
  const activity = createRoomActivity(createMemoryBus(), 100, { now: clock.now, later: clock.later });
  const { ws, sent } = page();
  const rooms = new Map([[1, state]]);
  activity.watch(ws, { user: 7, rooms, render: async (badges) => `${badges[0]?.state.unread}` });
  return { clock, activity, ws, sent, rooms };
};

describe("unread counts on a page", () => {
  it("go at once, then at most one batch per interval, each room at its latest count", async () => {
    // The interval's clock is the test's: order and counts are asserted, never the machine's speed.
    const clock = manualClock(1_000_000);
    const activity = createRoomActivity(createMemoryBus(), 100, { now: clock.now, later: clock.later });
    const { ws, sent } = page();
    const rooms = new Map([
      [1, { lastReadId: 0, unread: 0, mentions: 0, through: 0 }],
      [2, { lastReadId: 0, unread: 0, mentions: 0, through: 0 }],
    ]);
    const render = async (badges: Badge[]) =>
      badges
        .map(({ roomId, state, latest }) => `room ${roomId}: ${state.unread}${latest ? "" : " (no news)"}`)
        .join(", ");
    activity.watch(ws, { user: 7, rooms, render });

    // News after quiet goes at once; a burst across two rooms right after it waits, then goes
    // together in one frame, once per room.
    activity.announce({ roomId: 1, id: 1, author: 8, mentions: [], latest });
    await clock.advance(0);
    for (let id = 2; id <= 50; id++) activity.announce({ roomId: id % 2 ? 1 : 2, id, author: 8, mentions: [], latest });
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
    const { clock, activity, ws, sent } = pageCountingRoom1({ lastReadId: 0, unread: 0, mentions: 0, through: 0 });
    activity.announce({ roomId: 1, id: 1, author: 8, mentions: [], latest });
    await clock.advance(0);
    for (let id = 2; id <= 3; id++) activity.announce({ roomId: 1, id, author: 8, mentions: [], latest });
    await clock.advance(0);
    activity.unwatch(ws);
    await clock.advance(countsEveryMs);
    expect(sent.map((frame) => frame.text)).toEqual(["1"]);
  });

  it("hear a turn's messages of a room as one announcement, each still counted as itself", async () => {
    const bus = createMemoryBus();
    const published: string[] = [];
    const counting = {
      ...bus,
      publish: (topic: string, payload: string) => (published.push(topic), bus.publish(topic, payload)),
    };
    const clock = manualClock(1_000_000);
    const activity = createRoomActivity(counting, 100, { now: clock.now, later: clock.later });
    const { ws, sent } = page();
    // Reader 7 has read room 1 through message 3.
    const rooms = new Map([
      [1, { lastReadId: 3, unread: 0, mentions: 0, through: 0 }],
      [2, { lastReadId: 0, unread: 0, mentions: 0, through: 0 }],
    ]);
    const render = async (badges: Badge[]) =>
      badges
        .map(({ roomId, state, latest }) => `room ${roomId}: ${state.unread}/${state.mentions} ${latest?.preview}`)
        .join(", ");
    activity.watch(ws, { user: 7, rooms, render });

    // One turn: already read (2, 3), the reader's own (5), a mention of them (6), someone else's mention (7).
    const said = (roomId: number, id: number, author: number, mentions: number[], preview: string) =>
      activity.announce({ roomId, id, author, mentions, latest: { ...latest, preview } });
    said(1, 2, 8, [7], "two");
    said(1, 3, 8, [], "three");
    said(1, 4, 8, [], "four");
    said(1, 5, 7, [], "five");
    said(1, 6, 8, [7], "six");
    said(2, 8, 8, [], "eight");
    said(1, 7, 9, [8], "seven");
    expect(published).toEqual([]);
    await clock.advance(0);
    expect(published).toEqual([activityTopic({ id: 1 }), activityTopic({ id: 2 })]);
    // Room 1 at once, with its newest message's preview; room 2 with the page's next batch.
    expect(sent.map((frame) => frame.text)).toEqual(["room 1: 3/1 seven"]);
    await clock.advance(countsEveryMs);
    expect(sent.map((frame) => frame.text)).toEqual(["room 1: 3/1 seven", "room 2: 1/0 eight"]);

    // An instance that still announces one message at a time is counted as before.
    const alone = { roomId: 2, id: 9, author: 8, mentions: [7], latest: { ...latest, preview: "nine" } };
    bus.publish(activityTopic({ id: 2 }), JSON.stringify(alone));
    await clock.advance(countsEveryMs);
    expect(sent.at(-1)?.text).toBe("room 2: 2/1 nine");
    activity.unwatch(ws);
  });
  it("are counted in the next turn, never in the task whose messages were just published", async () => {
    // Bun writes a task's published frames only once the task and its microtasks end: counting
    // there would hold every socket's copy of the message back.
    const bus = createMemoryBus();
    const published: string[] = [];
    const counting = { ...bus, publish: (topic: string) => void published.push(topic) };
    const activity = createRoomActivity(counting, 100);
    activity.announce({ roomId: 1, id: 1, author: 8, mentions: [], latest });
    activity.announce({ roomId: 1, id: 2, author: 9, mentions: [], latest });
    for (let i = 0; i < 10; i++) await new Promise<void>((resolve) => queueMicrotask(resolve));
    expect(published).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(published).toEqual([activityTopic({ id: 1 })]);
  });

  it("count no message their page's counts already include, and every newer one in whatever order", async () => {
    // The page read its counts once message 5 was stored: 2 unread, through message 5.
    const { clock, activity, ws, sent, rooms } = pageCountingRoom1({
      lastReadId: 3,
      unread: 2,
      mentions: 0,
      through: 5,
    });
    const news = (id: number) => activity.announce({ roomId: 1, id, author: 8, mentions: [], latest });
    news(5);
    await clock.advance(0);
    expect(rooms.get(1)?.unread).toBe(2);
    // Two instances commit in their own order: 7's news may come before 6's.
    news(7);
    await clock.advance(0);
    news(6);
    await clock.advance(0);
    await clock.advance(countsEveryMs);
    expect(rooms.get(1)?.unread).toBe(4);
    expect(sent.at(-1)?.text).toBe("4");
    activity.unwatch(ws);
  });
});
