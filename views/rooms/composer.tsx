import { messageRules } from "../../src/rooms/message-rules.ts";
import type { Room } from "../../src/store/records.ts";
import { FormError } from "../form-error.tsx";

/** The composer's DOM id. */
export const composerId = (room: { id: number }) => `composer-room-${room.id}`;

/**
 * Sends its fields as one JSON frame over the room's socket (hx-ws:send). `nonce` is a fresh
 * server nonce; static/room.js makes each send's idempotency key from it and a counter.
 */
export const Composer = ({
  room,
  nonce,
  body = "",
  error,
}: {
  room: Room;
  nonce: string;
  body?: string;
  error?: string;
}) => (
  <form id={composerId(room)} class="composer" hx-ws:send="">
    <input type="hidden" name="key" value={nonce} />
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
    <FormError id={`${composerId(room)}-error`} message={error} />
  </form>
);
