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

/**
 * Asks the room's socket to fill a hole: static/connection.js puts the last message before the
 * hole in the field and raises `parley:catch-up` when live fragments have not filled it in a few
 * seconds. A form of its own, so hx-ws sends this field alone.
 */
export const CatchUpRequest = () => (
  <form class="catch-up" hx-ws:send="" hx-trigger="parley:catch-up" hidden>
    <input type="hidden" name="after" value="0" />
  </form>
);
