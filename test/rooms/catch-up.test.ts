import { afterEach, describe, expect, it, vi } from "vitest";
import { catchUpFrames } from "../../src/rooms/catch-up.tsx";
import { pageSizes } from "../../src/rooms/history.ts";
import { openSqlite } from "../../src/store/drivers/node.ts";
import { cursorId } from "../../views/messages/cursor.tsx";
import { rootPaths } from "../../views/paths.ts";
import { fragment, idsIn } from "../support/html.ts";

async function roomWithHistory() {
  const store = await openSqlite(":memory:");
  const author = await store.users.create("alice", "x");
  const room =
    author && (await store.rooms.create({ name: "General", slug: "general", topic: "", createdBy: author.id }));
  if (!author || !room) throw new Error("setup failed");
  const post = async (body: string, at = new Date()) => {
    vi.setSystemTime(at);
    return (await store.messages.insert(room.id, author, body)).message.id;
  };
  return { store, room, post };
}

/** Where the frames move the page's cursor: the message it is now whole up to. */
const cursorIn = (frames: string[], room: { id: number }) => {
  const cursor = fragment(frames.join("")).querySelector(`#${cursorId(room)}`);
  return (
    cursor && {
      id: Number(cursor.getAttribute("data-through-id")),
      seq: Number(cursor.getAttribute("data-through-seq")),
    }
  );
};

describe("catching a page up", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("sends exactly what came after the cursor, and says the page is now whole up to the last", async () => {
    const { store, room, post } = await roomWithHistory();
    const first = await post("one");
    const second = await post("two");
    const third = await post("three");
    const frames = await catchUpFrames(store, room, first, rootPaths);
    expect(frames.flatMap(idsIn)).toEqual([second, third]);
    expect(cursorIn(frames, room)).toEqual({ id: third, seq: 3 });
    // Nothing missed: nothing sent, and the cursor stays where the page has it.
    expect(await catchUpFrames(store, room, third, rootPaths)).toEqual([]);
  });

  it("reaches a hole of any age: a message another instance stored minutes before the newest the page holds", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const { store, room, post } = await roomWithHistory();
    const t = Date.parse("2026-11-25T12:00:00Z");
    const seen = await post("seen by the page", new Date(t));
    // Stored through another instance while the bus was down: it never reached this page…
    const missing = await post("stored elsewhere during the outage", new Date(t + 1_000));
    // …which then got a newer message of its own instance, long after (the outage lasted).
    const newer = await post("from this instance, much later", new Date(t + 10 * 60_000));
    // The page resumes after the last message before its hole, not after the newest it holds.
    const frames = await catchUpFrames(store, room, seen, rootPaths);
    expect(frames.flatMap(idsIn)).toEqual([missing, newer]);
    expect(cursorIn(frames, room)).toEqual({ id: newer, seq: 3 });
  });

  it("jumps to the latest page when far behind, and puts the cursor at its end", async () => {
    const { store, room, post } = await roomWithHistory();
    const first = await post("the one the page saw");
    let last = first;
    for (let i = 0; i < pageSizes.replay + 5; i++) last = await post(`message ${i}`);
    const frames = await catchUpFrames(store, room, first, rootPaths);
    const ids = frames.flatMap(idsIn);
    expect(ids.at(-1)).toBe(last);
    expect(ids).toHaveLength(pageSizes.page);
    expect(cursorIn(frames, room)).toEqual({ id: last, seq: pageSizes.replay + 6 });
  });
});
