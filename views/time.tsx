import { html } from "hono/html";

/**
 * A machine-readable time, shown in UTC until static/room.js rewrites it in the reader's
 * local time (the server cannot know the reader's time zone). An escaping template, not JSX:
 * every broadcast message renders one (see views/messages/message.tsx).
 */
export const ClockTime = ({ at, withDate = false }: { at: Date; withDate?: boolean }) => {
  const iso = at.toISOString();
  const shown = withDate ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : iso.slice(11, 16);
  // Plain clock times go out with every message: no attribute for the default format.
  return withDate
    ? html`<time datetime="${iso}" data-format="datetime">${shown}</time>`
    : html`<time datetime="${iso}">${shown}</time>`;
};
