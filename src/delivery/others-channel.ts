import type { WSContext } from "hono/ws";
import type { Bus } from "../bus/bus.ts";

type Unsubscribe = () => Promise<void>;

/** A socket on a topic, and whose it is: held as itself (its connection, mostly). */
export interface OthersMember {
  readonly ws: WSContext;
  readonly userId: number;
}

/**
 * Fragments for everyone in a room but one person: "alice is typing…" must never reach alice,
 * in any of her tabs, on any instance. Native pub/sub cannot leave anyone out, so this sends
 * socket by socket; what travels here is rare by design (typing is throttled on the page and
 * on the server), never the per-message path. The bus payload is `<person id>\n<fragment>`.
 */
export function createOthersChannel(bus: Bus, log: (line: string) => void = console.error) {
  const topics = new Map<string, { members: Set<OthersMember>; unsubscribe: Promise<Unsubscribe | null> }>();

  const deliver = (topic: string) => (payload: string) => {
    const cut = payload.indexOf("\n");
    const person = Number(payload.slice(0, cut));
    const fragment = payload.slice(cut + 1);
    for (const member of topics.get(topic)?.members ?? []) {
      if (member.userId !== person) member.ws.send(fragment);
    }
  };

  return {
    join(member: OthersMember, topic: string): void {
      let entry = topics.get(topic);
      if (!entry) {
        const unsubscribe = bus.subscribe(topic, deliver(topic)).catch((error: unknown): null => {
          log(`bus: cannot listen to ${topic}: ${error}`);
          return null;
        });
        entry = { members: new Set(), unsubscribe };
        topics.set(topic, entry);
      }
      entry.members.add(member);
    },

    leave(member: OthersMember, topic: string): void {
      const entry = topics.get(topic);
      if (!entry) return;
      entry.members.delete(member);
      if (entry.members.size > 0) return;
      topics.delete(topic);
      entry.unsubscribe.then((unsubscribe) => unsubscribe?.()).catch(() => {});
    },

    /** To every socket on the topic, on every instance, except those of `person`. */
    publish(topic: string, person: number, fragment: string): void {
      bus.publish(topic, `${person}\n${fragment}`);
    },
  };
}

export type OthersChannel = ReturnType<typeof createOthersChannel>;
