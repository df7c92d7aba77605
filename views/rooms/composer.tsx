import { randomToken } from "../../src/accounts/secrets.ts";
import { messageRules } from "../../src/rooms/message-input.ts";
import type { Room } from "../../src/store/records.ts";

/** The composer's DOM id: a refused send re-renders it in place, text kept, error shown. */
export const composerId = (room: { id: number }) => `composer-room-${room.id}`;

/**
 * Sends its fields as one JSON frame over the room's socket (hx-ws:send). `key` is a fresh
 * server nonce; static/room.js makes each send's idempotency key from it and a counter.
 */
export const Composer = ({ room, body = "", error }: { room: Room; body?: string; error?: string }) => (
  <form id={composerId(room)} class="composer" hx-ws:send="">
    <input type="hidden" name="key" value={randomToken(9)} />
    <label for={`${composerId(room)}-body`} class="visually-hidden">
      Message
    </label>
    <textarea
      id={`${composerId(room)}-body`}
      name="body"
      rows={2}
      required
      maxlength={messageRules.maxLength}
      placeholder={`Message ${room.name}`}
      autofocus
      aria-invalid={error ? "true" : undefined}
      aria-describedby={`${composerId(room)}-error`}
    >
      {body}
    </textarea>
    <button type="submit">Send</button>
    <p id={`${composerId(room)}-error`} class="error" role="alert">
      {error ?? ""}
    </p>
  </form>
);
