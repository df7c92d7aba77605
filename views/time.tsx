import { html } from "hono/html";

/**
 * How static/room.js shows a time in the reader's zone (the server cannot know it):
 * - `clock`: 14:05 (messages; hovering or focusing shows the full date and time)
 * - `datetime`: date and clock
 * - `date`: the date alone ("member since")
 * - `recent`: the clock for today, the date before (room lists)
 */
export type TimeFormat = "clock" | "datetime" | "date" | "recent";

let lastTime = Number.NaN;
let lastIso = "";
/**
 * `at.toISOString()`, remembered for the last instant asked: a turn's messages are mostly stored
 * in the same millisecond, and each one's time is written by its partial and again by its unread
 * announcement.
 */
export const isoOf = (at: Date) => {
  const time = at.getTime();
  if (time !== lastTime) {
    lastIso = at.toISOString();
    lastTime = time;
  }
  return lastIso;
};

/**
 * A machine-readable time, shown in UTC until static/room.js rewrites it. An escaping template,
 * not JSX: every broadcast message renders one (see views/messages/message.tsx).
 */
/** A message's time as the partial writes it: ISO characters only, nothing to escape. */
export const clockTime = (at: Date) => {
  const iso = isoOf(at);
  return `<time datetime="${iso}">${iso.slice(11, 16)}</time>`;
};

export const ClockTime = ({ at, format = "clock" }: { at: Date; format?: TimeFormat }) => {
  const iso = at.toISOString();
  // Plain clock times go out with every message: no attribute for the default format.
  if (format === "clock") return html`<time datetime="${iso}">${iso.slice(11, 16)}</time>`;
  const shown = format === "date" ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
  return html`<time datetime="${iso}" data-format="${format}">${shown}</time>`;
};
