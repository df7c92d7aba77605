import { messageRules } from "../../src/rooms/message-rules.ts";
import type { Room } from "../../src/store/records.ts";
import { FormError } from "../form-error.tsx";

/** The composer's DOM id. */
export const composerId = (room: { id: number }) => `composer-room-${room.id}`;

/** The composer's error line: a refused frame without a key lands here (views/messages/refusal.tsx). */
export const composerErrorId = (room: { id: number }) => `${composerId(room)}-error`;

/** The count of characters near the limit (static/composer.js fills it). */
const composerCountId = (room: { id: number }) => `${composerId(room)}-count`;

/**
 * Sends its fields as one JSON frame over the room's socket (hx-ws:send). The hidden `key` is
 * a fresh server nonce; static/composer.js makes each send's idempotency key from it and a
 * counter, and static/outbox.js keeps the send until the server answers. Refusals never
 * re-render the composer: the box is the person's draft.
 *
 * No `maxlength`: it would cut a pasted text silently. The box takes any length; near the limit
 * static/composer.js shows a count, and past it refuses to send and says by how much.
 */
export const Composer = ({ room, nonce }: { room: Room; nonce: string }) => (
  <form id={composerId(room)} class="composer" hx-ws:send="">
    {/* "Editing message" or "Replying to …" over the box (static/message-actions.js fills it). */}
    <div class="composer-context" hidden>
      <p class="composer-context-text" role="status"></p>
      <button type="button" class="composer-context-cancel" aria-label="Cancel">
        ×
      </button>
    </div>
    <input type="hidden" name="key" value={nonce} />
    <label for={`${composerId(room)}-body`} class="visually-hidden">
      Message
    </label>
    <textarea
      id={`${composerId(room)}-body`}
      name="body"
      rows={2}
      required
      data-max-length={messageRules.maxLength}
      placeholder={`Message ${room.name}`}
      autofocus
      aria-describedby={`${composerErrorId(room)} ${composerCountId(room)}`}
    ></textarea>
    <button type="submit">Send</button>
    <p id={composerCountId(room)} class="composer-count" hidden></p>
    <FormError id={composerErrorId(room)} />
  </form>
);
