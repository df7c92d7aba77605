import type { Bus } from "../bus/bus.ts";
import type { Store } from "../store/store.ts";
import type { Channels } from "./channels.ts";

/**
 * What a topic's sockets may have missed since a cursor (a message id) and a time (changes made
 * since then), as fragments: a page at a time, each with how many messages it holds. Delivery
 * knows topics, cursors and fragments; the chat knows what they mean (src/rooms/replay.ts), and
 * the composition root hands it over.
 */
export type Replay = (
  topic: string,
  after: number,
  changedSince: Date,
) => AsyncIterable<{ fragment: string; messages: number }>;

/**
 * How far before the bus's last confirmation the resync starts: a message is stored a moment
 * before it is published, by an instance whose clock may differ a little from this one's.
 * Replaying a little more is harmless: clients upsert by message id.
 */
export const inFlightMargin = 5_000;

/**
 * After a bus outage, hands this instance's sockets what other instances stored meanwhile:
 * once the bus is back (every room listening again), it replays each local room's messages
 * stored since shortly before the bus's last confirmation (`since`: the last time Redis
 * answered, not when the outage was noticed, which a hang can put many seconds later),
 * through local fan-out.
 */
export function startResync(
  deps: { store: Pick<Store, "messages">; bus: Bus; now: () => Date },
  channels: Pick<Channels, "topics" | "publishHere">,
  replaySince: Replay,
  log: (line: string) => void = console.log,
) {
  // Since when fragments may have been missed; the mark is looked up when the outage ends.
  // An instance that starts before its bus connects has the same gap to close.
  let downSince: Date | null = deps.bus.status() === "down" ? deps.now() : null;

  const replay = async (topic: string, after: number, changedSince: Date): Promise<number> => {
    let count = 0;
    for await (const { fragment, messages } of replaySince(topic, after, changedSince)) {
      channels.publishHere(topic, fragment);
      count += messages;
    }
    return count;
  };

  const resync = async (after: number, changedSince: Date) => {
    const topics = channels.topics();
    if (!topics.length) return;
    const counts = await Promise.all(topics.map((topic) => replay(topic, after, changedSince)));
    const total = counts.reduce((sum, count) => sum + count, 0);
    log(`resync: replayed ${total} message(s) after #${after} to ${topics.length} room(s)`);
  };

  deps.bus.onStatus((status, since) => {
    if (status === "down") {
      downSince ??= since;
      return;
    }
    if (!downSince) return;
    const markedAt = new Date(downSince.getTime() - inFlightMargin);
    downSince = null;
    deps.store.messages
      .newestIdBefore(markedAt)
      .then((after) => resync(after, markedAt))
      .catch((error) => log(`resync: failed (${error}); clients catch up when they reconnect`));
  });
}
