import type { ReadState } from "../../src/store/records.ts";
import { Replace } from "../messages/stream.tsx";

/** The DOM id of a room's counts in the sidebar: live updates replace it. */
export const unreadId = (room: { id: number }) => `unread-room-${room.id}`;

/** Shown as "99+" from here on (the store stops counting at the same cap). */
const cap = 100;

/** A room's unread and mention counts; empty when everything is read. */
export const UnreadBadge = ({
  room,
  state,
}: {
  room: { id: number };
  state: Pick<ReadState, "unread" | "mentions">;
}) => (
  <span id={unreadId(room)} class="badges">
    {state.mentions ? (
      <span class="badge mentions">
        @{state.mentions}
        <span class="visually-hidden"> {state.mentions === 1 ? "mention" : "mentions"}</span>
      </span>
    ) : null}
    {state.unread ? (
      <span class="badge">
        {state.unread >= cap ? "99+" : state.unread}
        <span class="visually-hidden"> unread</span>
      </span>
    ) : null}
  </span>
);

export const UnreadUpdate = ({ room, state }: { room: { id: number }; state: ReadState }) => (
  <Replace target={unreadId(room)}>
    <UnreadBadge room={room} state={state} />
  </Replace>
);
