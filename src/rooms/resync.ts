import type { Bus } from "../bus/bus.ts";
import type { LocalFanout } from "../bus/local-fanout.ts";
import type { Store } from "../store/store.ts";
import { messagesFragment, topicRoomId } from "./broadcasts.tsx";
import type { Channels } from "./channels.ts";

/**
 * How far before a detected outage the resync starts: a fragment published just before Redis
 * failed, or stored just before its publish failed, was stored up to about a command timeout
 * before we noticed. Replaying a little more is harmless: clients upsert by message id.
 */
export const inFlightMargin = 5_000;
const pageSize = 100;

/**
 * After a bus outage, hands this instance's sockets what other instances stored meanwhile:
 * once the bus is back (every room listening again), it replays each local room's messages
 * stored since shortly before the outage began, through local fan-out.
 */
export function startResync(
  deps: { store: Store; bus: Bus; fanout: LocalFanout; now: () => Date },
  channels: Channels,
  log: (line: string) => void = console.log,
) {
  // When the outage began, as this instance saw it; the mark is looked up when it ends.
  // An instance that starts before its bus connects has the same gap to close.
  let downSince: Date | null = deps.bus.status() === "down" ? deps.now() : null;

  const replay = async (topic: string, after: number): Promise<number> => {
    const roomId = topicRoomId(topic);
    if (roomId === null) return 0;
    let count = 0;
    for (let from = after; ; ) {
      const page = await deps.store.messages.after(roomId, from, pageSize);
      const last = page.at(-1);
      if (!last) return count;
      deps.fanout.publish(topic, await messagesFragment({ id: roomId }, page));
      count += page.length;
      from = last.id;
    }
  };

  const resync = async (after: number) => {
    const topics = channels.topics();
    if (!topics.length) return;
    const counts = await Promise.all(topics.map((topic) => replay(topic, after)));
    const total = counts.reduce((sum, count) => sum + count, 0);
    log(`resync: replayed ${total} message(s) after #${after} to ${topics.length} room(s)`);
  };

  deps.bus.onStatus((status) => {
    if (status === "down") {
      downSince ??= deps.now();
      return;
    }
    if (!downSince) return;
    const markedAt = new Date(downSince.getTime() - inFlightMargin);
    downSince = null;
    deps.store.messages
      .newestIdBefore(markedAt)
      .then(resync)
      .catch((error) => log(`resync: failed (${error}); clients catch up when they reconnect`));
  });
}
