/**
 * When a payload left its instance, carried through Redis for the bus-lag metric: an HTML comment
 * after the payload, `<!--sent:<ms, base 36>-->`. A comment, so an instance of an earlier version
 * (which knows nothing of it) delivers the fragment with a comment that swaps nothing (htmx swaps
 * a frame's <hx-partial>s and ignores what is neither element nor text): instances of both
 * versions keep talking during a rolling upgrade. This instance takes it off before delivering.
 */
const opening = "<!--sent:";
const closing = "-->";

export const withSendTime = (payload: string, at: number) => `${payload}${opening}${at.toString(36)}${closing}`;

/** The payload as it was sent, and when; `sentAt` null when it came without a time (an earlier version). */
export function readSendTime(carried: string): { payload: string; sentAt: number | null } {
  if (!carried.endsWith(closing)) return { payload: carried, sentAt: null };
  const start = carried.lastIndexOf(opening);
  if (start < 0) return { payload: carried, sentAt: null };
  const sentAt = Number.parseInt(carried.slice(start + opening.length, -closing.length), 36);
  return Number.isFinite(sentAt) ? { payload: carried.slice(0, start), sentAt } : { payload: carried, sentAt: null };
}
