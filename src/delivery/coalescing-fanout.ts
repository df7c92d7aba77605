import type { LocalFanout } from "./local-fanout.ts";

/** A frame carries fragments up to about this many characters; a larger burst goes out in several. */
export const coalescedFrameChars = 64 * 1024;

/**
 * Fragments published to one topic together go to its sockets as one frame:
 * a burst stored in one transaction (group-commit.ts) costs each socket one frame, one write
 * and one swap on the page instead of one per message. A frame may hold several fragments
 * already (an acknowledgement does), so pages read it the same way. Order within a topic is
 * kept. The wait is a microtask, not a timer nor the next turn: a committed batch's senders all
 * reach `publish` in the same round of microtasks, before the flush (an extra turn cost bursts
 * of 2 a seventh of their deliveries). Frames stay below `maxChars` (plus one fragment), so a
 * burst never lands on a socket as one huge write. `delivered` hears how many sockets each frame reached.
 */
export function coalescing(
  fanout: LocalFanout,
  {
    maxChars = coalescedFrameChars,
    defer = queueMicrotask as (run: () => void) => unknown,
    delivered = (_sockets: number): void => {},
  } = {},
): LocalFanout {
  let pending = new Map<string, string[]>();

  const flush = () => {
    const topics = pending;
    pending = new Map();
    for (const [topic, fragments] of topics) {
      let frame = "";
      for (const fragment of fragments) {
        if (frame && frame.length + fragment.length > maxChars) {
          delivered(fanout.publish(topic, frame));
          frame = "";
        }
        frame += fragment;
      }
      delivered(fanout.publish(topic, frame));
    }
  };

  return {
    subscribe: (ws, topic) => fanout.subscribe(ws, topic),
    unsubscribe: (ws, topic) => fanout.unsubscribe(ws, topic),
    publish(topic, fragment) {
      if (pending.size === 0) defer(flush);
      const queued = pending.get(topic);
      if (queued) queued.push(fragment);
      else pending.set(topic, [fragment]);
      return 0; // counted when the turn's frame goes out
    },
  };
}
