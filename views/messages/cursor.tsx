import type { Message } from "../../src/store/records.ts";

/** The DOM id of a room's cursor: the page's first render and every catch-up replace it. */
export const cursorId = (room: { id: number }) => `cursor-room-${room.id}`;

/**
 * Where the page is known to be whole: it holds every message of the room up to `through` (the
 * page as first rendered, or the end of a catch-up read from the database). static/connection.js
 * moves on from here by the messages' places (`data-seq`), and resumes from the last message
 * before the first hole, never from the newest it happens to hold.
 */
export const Cursor = ({
  room,
  through,
}: {
  room: { id: number };
  through: Pick<Message, "id" | "seq"> | undefined;
}) => (
  <span
    id={cursorId(room)}
    class="cursor"
    data-through-id={through?.id ?? 0}
    data-through-seq={through?.seq ?? 0}
    hidden
  />
);

/** The DOM id of where live changes leave their numbers for static/connection.js to count. */
export const changeLogId = (room: { id: number }) => `changes-room-${room.id}`;

/**
 * The page's place in the room's changes (edits, deletions, reactions): it has every change up
 * to `change` (the first render, the end of every catch-up replace it). Live changes each append
 * their number (`changeMark`); static/connection.js takes them out as it counts them, and asks
 * for the changes it lacks when a number is skipped for long.
 */
export const ChangeLog = ({ room, change }: { room: { id: number }; change: number }) => (
  <span id={changeLogId(room)} class="change-log" data-through-change={change} hidden />
);

/**
 * One live change's number, and the place of the message it deleted (a removed message leaves a
 * gap in the places, which is not a hole).
 */
export const changeMark = (change: number, gone?: number) =>
  `<i data-change="${change}"${gone === undefined ? "" : ` data-gone-seq="${gone}"`}></i>`;

/**
 * Asks the room's socket to fill a hole: static/connection.js puts the last message before the
 * hole in the field and raises `parley:catch-up` when live fragments have not filled it in a few
 * seconds. A form of its own, so hx-ws sends this field alone.
 */
export const CatchUpRequest = () => (
  <form class="catch-up" hx-ws:send="" hx-trigger="parley:catch-up" hidden>
    <input type="hidden" name="after" value="0" />
    <input type="hidden" name="changes" value="0" />
  </form>
);
