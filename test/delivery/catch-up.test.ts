import { afterEach, describe, expect, it, vi } from "vitest";
import { catchUpFrames } from "../../src/delivery/catch-up.tsx";
import { inFlightMargin } from "../../src/delivery/resync.ts";
import { openSqlite } from "../../src/store/drivers/node.ts";
import { idsIn } from "../support/html.ts";

async function roomWithHistory() {
  const store = await openSqlite(":memory:");
  const author = await store.users.create("alice", "x");
  const room =
    author && (await store.rooms.create({ name: "General", slug: "general", topic: "", createdBy: author.id }));
  if (!author || !room) throw new Error("setup failed");
  const post = async (body: string, at: Date) => {
    vi.setSystemTime(at);
    return (await store.messages.insert(room.id, author, body)).message.id;
  };
  return { store, room, post };
}

describe("catching a socket up", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("sends exactly what came after the cursor when one instance delivers in id order", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const { store, room, post } = await roomWithHistory();
    const t = Date.parse("2026-11-25T12:00:00Z");
    const first = await post("one", new Date(t));
    const second = await post("two", new Date(t + 1000));
    const third = await post("three", new Date(t + 2000));
    const frames = await catchUpFrames(store, room, first, { severalInstances: false });
    expect(frames.flatMap(idsIn)).toEqual([second, third]);
  });

  it("with several instances, also sends the seconds before the cursor, where another instance's message may be missing", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const { store, room, post } = await roomWithHistory();
    const t = Date.parse("2026-11-25T12:00:00Z");
    const settled = await post("long before", new Date(t));
    const fromElsewhere = await post("stored just before, by another instance", new Date(t + inFlightMargin + 1000));
    const seen = await post("seen by the page first", new Date(t + inFlightMargin + 1500));
    const later = await post("after the drop", new Date(t + inFlightMargin + 3000));
    const frames = await catchUpFrames(store, room, seen, { severalInstances: true });
    const ids = frames.flatMap(idsIn);
    expect(ids).toEqual([fromElsewhere, seen, later]);
    expect(ids).not.toContain(settled);
    // An unknown cursor (another room's id, a made-up one) resumes right after it, as before.
    expect((await catchUpFrames(store, room, later + 100, { severalInstances: true })).flatMap(idsIn)).toEqual([]);
  });
});
