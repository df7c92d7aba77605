import { describe, expect, it } from "vitest";
import { createMemoryBus } from "../../src/bus/memory.ts";
import { createRoomRecords, type RoomRecord } from "../../src/delivery/room-records.ts";

describe("a room's record changed on one instance", () => {
  it("is heard by every instance on the bus, this one included, as the room's new name and topic", async () => {
    const bus = createMemoryBus();
    const here = createRoomRecords(bus);
    const there = createRoomRecords(bus);
    await Promise.all([here.ready(), there.ready()]);
    const heard: RoomRecord[] = [];
    here.onChange((room) => heard.push(room));
    there.onChange((room) => heard.push(room));

    here.announce({ id: 7, name: "Lobby", topic: "Plans", slug: "general" } as RoomRecord);
    await expect.poll(() => heard.length).toBe(2);
    expect(heard).toEqual([
      { id: 7, name: "Lobby", topic: "Plans" },
      { id: 7, name: "Lobby", topic: "Plans" },
    ]);
  });

  it("ignores what is not a room's record", async () => {
    const bus = createMemoryBus();
    const lines: string[] = [];
    const records = createRoomRecords(bus, (line) => lines.push(line));
    await records.ready();
    const heard: RoomRecord[] = [];
    records.onChange((room) => heard.push(room));
    bus.publish("rooms", "not json");
    await expect.poll(() => lines.length).toBe(1);
    expect(heard).toEqual([]);
  });
});
