import { imageRules } from "../../src/files/image-rules.ts";
import { messageRules } from "../../src/rooms/message-rules.ts";
import type { Room } from "../../src/store/records.ts";
import { FormError } from "../form-error.tsx";

/** The image form's DOM id, and its error line's (a refused upload's reason lands there). */
export const attachId = (room: { id: number }) => `attach-room-${room.id}`;
export const attachErrorId = (room: { id: number }) => `${attachId(room)}-error`;

/**
 * Posts an image (and an optional caption) as a normal multipart form: with htmx, the reply is
 * the message (its broadcast then replaces it in place) and the emptied error line, or the
 * reason in that line; without script, the post redirects back to the room. Text alone goes through the
 * composer's socket. The caption and the send button show once a file is chosen (app.css).
 * `key` is the idempotency key: static/composer.js gives each send a fresh one.
 */
export const AttachImage = ({ room, nonce }: { room: Room; nonce: string }) => {
  const id = attachId(room);
  const action = `/rooms/${room.slug}/messages`;
  return (
    <form
      id={id}
      class="attach"
      method="post"
      action={action}
      enctype="multipart/form-data"
      hx-post={action}
      hx-encoding="multipart/form-data"
      hx-swap="none"
      data-max-bytes={imageRules.maxBytes}
    >
      <input type="hidden" name="key" value={`${nonce}-image`} />
      <label class="attach-button">
        Attach image
        <input
          type="file"
          name="image"
          accept={imageRules.accept}
          required
          class="visually-hidden"
          aria-describedby={attachErrorId(room)}
        />
      </label>
      <span class="attach-chosen" aria-live="polite"></span>
      <label for={`${id}-caption`} class="visually-hidden">
        Caption
      </label>
      <input
        id={`${id}-caption`}
        class="attach-caption"
        type="text"
        name="body"
        maxlength={messageRules.maxLength}
        placeholder="Caption (optional)"
      />
      <button type="submit" class="attach-send">
        Send image
      </button>
      <FormError id={attachErrorId(room)} />
    </form>
  );
};
