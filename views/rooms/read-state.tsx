import type { NotifyChoice } from "../../src/store/records.ts";
import { usePaths } from "../paths.ts";

/**
 * Sends the reader's read mark over the room's socket: static/room.js puts the newest message
 * seen in the field and raises `parley:read` while the page is visible and at the bottom. A form
 * of its own, so hx-ws sends this field alone.
 */
export const ReadMark = () => (
  <form class="read-mark" hx-ws:send="" hx-trigger="parley:read" hidden>
    <input type="hidden" name="read" value="0" />
  </form>
);

const choices: [NotifyChoice, string][] = [
  ["all", "Every message"],
  ["mentions", "Only mentions of me"],
  ["none", "Nothing"],
];

/** What raises a notification while this room's tab is hidden; the current choice is pressed. */
export const NotifyChoices = ({ room, notify }: { room: { slug: string }; notify: NotifyChoice }) => {
  const { to } = usePaths();
  return (
    <form method="post" action={to(`/rooms/${room.slug}/notify`)} class="notify-choices">
      <p class="menu-label">Notify me of</p>
      {choices.map(([value, label]) => (
        <button type="submit" name="notify" value={value} aria-pressed={value === notify ? "true" : "false"}>
          {label}
        </button>
      ))}
    </form>
  );
};
