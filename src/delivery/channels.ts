import type { WSContext } from "hono/ws";
import type { Bus } from "../bus/bus.ts";
import type { LocalFanout } from "./local-fanout.ts";

type Unsubscribe = () => Promise<void>;

/**
 * Where fragments meet sockets. `publish` hands a rendered fragment to the bus (every
 * instance, this one included, this one first); the instance listens to a topic on the bus
 * only while it has local sockets there, and hands each fragment to the runtime's fan-out:
 * every fragment reaches a local socket once, through the bus, whichever instance published it.
 */
export function createChannels(
  bus: Bus,
  fanout: LocalFanout,
  log: (line: string) => void = (line) => console.error(line),
) {
  const listening = new Map<string, { subscribers: number; unsubscribe: Promise<Unsubscribe | null> }>();

  // A failed subscription is remembered as null, never as a rejection: the socket still gets
  // its replay, and the next join tries the bus again.
  const listen = (topic: string) =>
    bus
      .subscribe(topic, (payload) => fanout.publish(topic, payload))
      .catch((error: unknown): null => {
        log(`bus: cannot listen to ${topic}: ${error}`);
        return null;
      });

  return {
    /** Sends a fragment to every socket on the topic: here at once, on other instances without waiting. */
    publish: (topic: string, fragment: string): void => bus.publish(topic, fragment),

    /** Resolves once fragments published from now on will reach this socket (when the bus can). */
    async join(ws: WSContext, topic: string): Promise<void> {
      fanout.subscribe(ws, topic);
      let entry = listening.get(topic);
      if (!entry) {
        entry = { subscribers: 0, unsubscribe: listen(topic) };
        listening.set(topic, entry);
      }
      entry.subscribers++;
      const attempt = entry.unsubscribe;
      const retry = (await attempt) === null && entry.unsubscribe === attempt && listening.get(topic) === entry;
      if (retry) entry.unsubscribe = listen(topic);
    },

    leave(ws: WSContext, topic: string): void {
      fanout.unsubscribe(ws, topic);
      const entry = listening.get(topic);
      if (!entry || --entry.subscribers > 0) return;
      listening.delete(topic);
      entry.unsubscribe.then((unsubscribe) => unsubscribe?.()).catch(() => {});
    },

    /** Sends a fragment to this instance's sockets on the topic only (a resync's replay). */
    publishHere: (topic: string, fragment: string): void => {
      fanout.publish(topic, fragment);
    },

    /** The topics this instance has local sockets in. */
    topics: (): string[] => [...listening.keys()],
  };
}

export type Channels = ReturnType<typeof createChannels>;
