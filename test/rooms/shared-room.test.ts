import { describe, expect, it } from "vitest";
import { refreshSharedRoom, sharedRoom } from "../../src/rooms/shared-room.ts";
import type { Room } from "../../src/store/records.ts";

const read = (changes: Partial<Room> = {}): Room => ({
  id: 7,
  slug: "general",
  name: "General",
  topic: "",
  createdBy: 1,
  createdAt: new Date("2026-12-01T10:00:00Z"),
  visibility: "public",
  ...changes,
});

describe("a room's record held by many sockets", () => {
  it("is one object for every socket that read the same room", () => {
    const first = sharedRoom(read());
    expect(sharedRoom(read())).toBe(first);
    expect(sharedRoom(read())).toBe(first);
  });

  it("is the new record once the room has changed, for the sockets that come after", () => {
    const before = sharedRoom(read({ id: 8 }));
    const renamed = read({ id: 8, name: "Lobby" });
    expect(sharedRoom(renamed)).toBe(renamed);
    expect(sharedRoom(read({ id: 8, name: "Lobby" }))).toBe(renamed);
    expect(before.name).toBe("General");
  });

  it("keeps rooms apart by id", () => {
    const a = sharedRoom(read({ id: 9 }));
    const b = sharedRoom(read({ id: 10 }));
    expect(a).not.toBe(b);
    expect(b.id).toBe(10);
  });
});

describe("a room changed while sockets hold it", () => {
  it("changes in place for the sockets already open, and stays the one record", () => {
    const held = sharedRoom(read({ id: 11 }));
    refreshSharedRoom(read({ id: 11, name: "Lobby", topic: "Plans" }));
    expect(held.name).toBe("Lobby");
    expect(held.topic).toBe("Plans");
    expect(sharedRoom(read({ id: 11, name: "Lobby", topic: "Plans" }))).toBe(held);
  });
});
