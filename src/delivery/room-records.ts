import type { Bus } from "../bus/bus.ts";
import type { Room } from "../store/records.ts";
import { roomsTopic } from "./topics.ts";

/** What of a room's record its owners change while sockets hold it. */
export type RoomRecord = Pick<Room, "id" | "name" | "topic">;

/**
 * A room renamed (or given a new topic) on one instance, heard by every instance: each one's
 * open sockets hold the room's record from when they opened, and take the change in place
 * (src/rooms/shared-room.ts) so what they hand on afterwards names the room as it is now. The
 * bus hands the change to this instance too, so announcing is only publishing.
 */
export function createRoomRecords(bus: Bus, log: (line: string) => void = console.error) {
  const listeners: ((room: RoomRecord) => void)[] = [];

  const hear = (payload: string) => {
    let room: RoomRecord;
    try {
      room = JSON.parse(payload) as RoomRecord;
    } catch {
      log(`rooms: ignored a malformed change: ${payload.slice(0, 80)}`);
      return;
    }
    for (const listener of listeners) listener(room);
  };
  const hearing = bus
    .subscribe(roomsTopic, hear)
    .catch((error: unknown) => log(`rooms: cannot hear changes: ${error}`));

  return {
    /** Tells every instance the room's name and topic as they are now. */
    announce({ id, name, topic }: RoomRecord): void {
      bus.publish(roomsTopic, JSON.stringify({ id, name, topic }));
    },
    /** Calls `listener` with every change heard, on this instance or another. */
    onChange(listener: (room: RoomRecord) => void): void {
      listeners.push(listener);
    },
    /** Resolves once this instance hears other instances' changes. */
    ready: () => hearing.then(() => {}),
  };
}

export type RoomRecords = ReturnType<typeof createRoomRecords>;
