import { imageRules } from "../../src/files/image-rules.ts";
import { messageRules } from "../../src/rooms/message-rules.ts";
import type { Room } from "../../src/store/records.ts";
import { FormError } from "../form-error.tsx";
import { usePaths } from "../paths.ts";

/** The image form's DOM id, and its error line's (a refused upload's reason lands there). */
export const attachId = (room: { id: number }) => `attach-room-${room.id}`;
export const attachErrorId = (room: { id: number }) => `${attachId(room)}-error`;

/**
 * Posts an image (and an optional caption) as a normal multipart form: with htmx, the reply is
 * the message (its broadcast then replaces it in place) and the emptied error line, or the
 * reason in that line; without script, the post redirects back to the room. Text alone goes through the
 * composer's socket. The caption and the send button show once a file is chosen (app.css).
 * `key` is the idempotency key: static/composer.js gives each send a fresh one.
 *
 * With script (static/attachments.js) an image also comes by paste or drop, shows as a
 * thumbnail with a way to remove it, and the composer's text is its caption: the composer's
 * Send posts this form. The caption field and "Send image" are then the script's to fill.
 */
export const AttachImage = ({ room, nonce }: { room: Room; nonce: string }) => {
  const { to } = usePaths();
  const id = attachId(room);
  const action = to(`/rooms/${room.slug}/messages`);
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
      <div class="attach-preview" hidden>
        <canvas class="attach-thumb" role="img" aria-label="The image to send" width="0" height="0"></canvas>
        <span class="attach-chosen" aria-live="polite"></span>
        <button type="button" class="attach-remove">
          Remove image
        </button>
      </div>
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
