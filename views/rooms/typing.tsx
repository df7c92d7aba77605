import { typingRules } from "../../src/rooms/typing-rules.ts";
import { escapeHtml } from "../escape.ts";
import { removeMarkup, upsertMarkup } from "../messages/stream.tsx";
import { composerId } from "./composer.tsx";

/** The line under the timeline where "Alice is typing…" shows, by the name messages show. */
export const typingId = (room: { id: number }) => `typing-room-${room.id}`;
const typistId = (room: { id: number }, person: { id: number }) => `${typingId(room)}-${person.id}`;

export const TypingLine = ({ room }: { room: { id: number } }) => <div id={typingId(room)} class="typing" />;

/**
 * One typist. Each signal replaces the last, which restarts app.css's fade: the line goes
 * away by itself a few seconds after the typing stops, with no script and no "stopped" frame.
 * A string, not JSX: a typing room sends several of these for each message it sends.
 */
export const typingMarkup = (
  room: { id: number },
  person: { id: number; username: string; displayName: string | null },
) =>
  upsertMarkup(
    typingId(room),
    `<span id="${typistId(room, person)}" class="typist">${escapeHtml(person.displayName ?? person.username)} is typing…</span>`,
  );

/** Sent with the typist's message: the message itself says they stopped. */
export const typingDoneMarkup = (room: { id: number }, person: { id: number }) => removeMarkup(typistId(room, person));

/**
 * Says "typing" over the room's socket while keys are pressed in the composer, at most once per
 * `typingRules.pageEveryMs` (htmx's throttle). Outside the composer's form on purpose: hx-ws
 * sends the enclosing form's fields, and the draft has no business leaving before it is sent.
 */
export const TypingSignal = ({ room }: { room: { id: number } }) => (
  <span
    hidden
    data-typing-signal=""
    data-composer={`${composerId(room)}-body`}
    hx-ws:send=""
    hx-trigger={`input from:#${composerId(room)}-body throttle:${typingRules.pageEveryMs}ms`}
    hx-vals='{"typing": true}'
  />
);
