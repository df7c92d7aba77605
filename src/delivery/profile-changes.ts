import type { Bus } from "../bus/bus.ts";
import type { User } from "../store/records.ts";
import { profilesTopic } from "./topics.ts";

/** What others see of a person beside their words: the name and the picture. */
export type ShownProfile = Pick<User, "id" | "username" | "displayName" | "avatar">;

/** How many people's changes an instance remembers: far more than change a name between restarts. */
const remembered = 10_000;

/**
 * Profile changes (display name, avatar) made while sockets are open, heard by every instance.
 * An open room socket keeps the person as they were when it opened; without this, their next
 * messages and the room's "Here now" would keep the old name until a reload. Each instance
 * keeps the latest change per person, so `current` (on every message: one map lookup) shows the
 * name they have now, and tells its listeners (presence) to show it too.
 *
 * Past `remembered` people, the oldest change is forgotten: a socket opened before it would show
 * that person's older name again until it reconnects. The bus hands a change to this instance
 * too, so announcing is only publishing.
 */
export function createProfileChanges(bus: Bus, log: (line: string) => void = console.error) {
  const latest = new Map<number, ShownProfile>();
  const listeners: ((person: ShownProfile) => void)[] = [];

  const hear = (payload: string) => {
    let person: ShownProfile;
    try {
      person = JSON.parse(payload) as ShownProfile;
    } catch {
      log(`profiles: ignored a malformed change: ${payload.slice(0, 80)}`);
      return;
    }
    latest.delete(person.id);
    latest.set(person.id, person);
    if (latest.size > remembered) latest.delete(latest.keys().next().value as number);
    for (const listener of listeners) listener(person);
  };
  const hearing = bus
    .subscribe(profilesTopic, hear)
    .catch((error: unknown) => log(`profiles: cannot hear profile changes: ${error}`));

  return {
    /** Tells every instance that the person now shows this name and picture. */
    announce(person: ShownProfile): void {
      const { id, username, displayName, avatar } = person;
      bus.publish(profilesTopic, JSON.stringify({ id, username, displayName, avatar }));
    },
    /** The person as they show now: `person` itself unless their profile changed since it was read. */
    current<T extends ShownProfile>(person: T): T {
      const changed = latest.get(person.id);
      return changed ? { ...person, displayName: changed.displayName, avatar: changed.avatar } : person;
    },
    /** Calls `listener` with every change heard, on this instance or another. */
    onChange(listener: (person: ShownProfile) => void): void {
      listeners.push(listener);
    },
    /** Resolves once this instance hears other instances' changes. */
    ready: () => hearing.then(() => {}),
  };
}

export type ProfileChanges = ReturnType<typeof createProfileChanges>;
