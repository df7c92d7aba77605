import type { Paths } from "../../views/paths.ts";
import { render } from "../../views/render.ts";
import { PresenceUpdate } from "../../views/rooms/presence.tsx";
import type { Channels } from "../delivery/channels.ts";
import { roomTopic } from "../delivery/topics.ts";
import type { PresenceStore, Present } from "./presence-store.ts";

/** How often an instance checks its rooms' lists for people another instance lost (a crash). */
export const presenceSweepMs = 10_000;

/**
 * Who is in each room, as the room's pages show it. This instance counts its own sockets per
 * person and room: the first tab records the person in the shared store, the last one to close
 * removes them, so several tabs count once. Every change is published to the room as one
 * fragment; a periodic sweep republishes here any list that changed without a word (people of
 * a crashed instance expire from the shared store).
 */
export function createRoomPresence(
  store: PresenceStore,
  channels: Pick<Channels, "publish" | "publishHere">,
  memberCount: (roomId: number) => Promise<number>,
  paths: Paths,
  { sweepMs = presenceSweepMs, log = console.error }: { sweepMs?: number; log?: (line: string) => void } = {},
) {
  const tabs = new Map<number, Map<number, number>>();
  const lastShown = new Map<number, string>();

  const fragment = async (roomId: number) => {
    const [people, members] = await Promise.all([store.list(roomId), memberCount(roomId)]);
    lastShown.set(roomId, people.map((p) => p.id).join(","));
    return render(<PresenceUpdate room={{ id: roomId }} people={people} members={members} />, paths);
  };
  const announce = async (roomId: number) => channels.publish(roomTopic({ id: roomId }), await fragment(roomId));

  const sweep = async () => {
    for (const roomId of tabs.keys()) {
      const before = lastShown.get(roomId);
      const people = await store.list(roomId);
      if (people.map((p) => p.id).join(",") !== before) {
        channels.publishHere(roomTopic({ id: roomId }), await fragment(roomId));
      }
    }
  };
  const timer = setInterval(() => sweep().catch((error) => log(`presence: sweep failed: ${error}`)), sweepMs);
  timer.unref?.();

  return {
    /**
     * A socket of `person` joined the room (and is subscribed to it). Resolves with the list for
     * that socket alone when nothing changed for the others (another tab was already here).
     */
    async enter(roomId: number, person: Present): Promise<string | null> {
      let people = tabs.get(roomId);
      if (!people) {
        people = new Map();
        tabs.set(roomId, people);
      }
      const open = (people.get(person.id) ?? 0) + 1;
      people.set(person.id, open);
      if (open > 1) return fragment(roomId);
      // Only what the list shows: a whole user record would travel to the shared store.
      const { id, username, displayName, avatar, kind } = person;
      await store.add(roomId, { id, username, displayName, avatar, kind });
      await announce(roomId);
      return null;
    },

    /** A socket of `person` left the room; their last one here takes them out of the list. */
    async leave(roomId: number, personId: number): Promise<void> {
      const people = tabs.get(roomId);
      const open = (people?.get(personId) ?? 0) - 1;
      if (!people || open < 0) return;
      if (open > 0) {
        people.set(personId, open);
        return;
      }
      people.delete(personId);
      if (people.size === 0) {
        tabs.delete(roomId);
        lastShown.delete(roomId);
      }
      await store.remove(roomId, personId);
      await announce(roomId);
    },

    /**
     * The person's name or picture changed: in every room where this instance has a tab of
     * theirs, the list shows them anew (the other instances do the same for theirs).
     */
    async show(person: Present): Promise<void> {
      const { id, username, displayName, avatar } = person;
      for (const [roomId, people] of tabs) {
        if (!people.has(id)) continue;
        await store.add(roomId, { id, username, displayName, avatar });
        await announce(roomId);
      }
    },

    /** Everyone present in the room now (for the page's first render). */
    list: (roomId: number) => store.list(roomId),

    stop(): void {
      clearInterval(timer);
    },
  };
}

export type RoomPresence = ReturnType<typeof createRoomPresence>;
