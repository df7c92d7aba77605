import type { WSContext } from "hono/ws";
import type { Bus } from "../bus/bus.ts";
import type { LocalFanout } from "../bus/local-fanout.ts";

/**
 * Joins sockets to room topics. The instance listens to a topic on the bus only while it
 * has local sockets there, and hands each fragment to the runtime's fan-out: every fragment
 * reaches a local socket once, through the bus, whichever instance published it.
 */
export function createChannels(bus: Bus, fanout: LocalFanout) {
  const listening = new Map<string, { sockets: number; unsubscribe: Promise<() => Promise<void>> }>();

  return {
    /** Resolves once fragments published from now on will reach this socket. */
    async join(ws: WSContext, topic: string): Promise<void> {
      fanout.subscribe(ws, topic);
      let entry = listening.get(topic);
      if (!entry) {
        entry = { sockets: 0, unsubscribe: bus.subscribe(topic, (payload) => fanout.publish(topic, payload)) };
        listening.set(topic, entry);
      }
      entry.sockets++;
      await entry.unsubscribe;
    },

    leave(ws: WSContext, topic: string): void {
      fanout.unsubscribe(ws, topic);
      const entry = listening.get(topic);
      if (!entry || --entry.sockets > 0) return;
      listening.delete(topic);
      entry.unsubscribe.then((unsubscribe) => unsubscribe()).catch(() => {});
    },
  };
}

export type Channels = ReturnType<typeof createChannels>;
