import { reactionRules } from "../../src/rooms/reaction-rules.ts";
import type { Room } from "../../src/store/records.ts";
import { usePaths } from "../paths.ts";

/** A 20-pixel line icon: the toolbar's buttons are named by their aria-label, not their drawing. */
const Icon = ({ d }: { d: string }) => (
  <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
    <path d={d} fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round" />
  </svg>
);

const icons = {
  react: "M10 2.8a7.2 7.2 0 1 0 7.2 7.2M7 8.2v.2M13 8.2v.2M6.8 12a3.6 3.6 0 0 0 6.4 0M15 1.8v5M12.5 4.3h5",
  reply: "M8 4.5 3.5 9 8 13.5M3.8 9h7.7a5 5 0 0 1 5 5v1.5",
  edit: "M12.8 3.7l3.5 3.5M4 16l1-4.3 8.8-8.8a1.6 1.6 0 0 1 2.3 0l1.2 1.2a1.6 1.6 0 0 1 0 2.3L8.5 15.2 4 16Z",
  remove: "M3.5 5.5h13M8 5.5V3.5h4v2M5.2 5.5l.9 11h7.8l.9-11M8.3 8.5v5M11.7 8.5v5",
  link: "M8.5 11.5a3.5 3.5 0 0 0 5 0l2.5-2.5a3.5 3.5 0 0 0-5-5l-1 1M11.5 8.5a3.5 3.5 0 0 0-5 0L4 11a3.5 3.5 0 0 0 5 5l1-1",
};

/**
 * What can be done to a message, ONE element for the whole room: static/message-actions.js puts
 * it beside the message under the pointer, in focus or tapped, and shows Edit and Delete only
 * where the reader may use them (their own messages; Delete on anyone's when `manages`). Every
 * message stays as small as the partial renders it. The picker's emoji are in
 * static/emoji-picker.js; the addresses the script needs come from here, under the base path.
 */
export const MessageActions = ({ room, manages }: { room: Room; manages: boolean }) => {
  const { to } = usePaths();
  return (
    <>
      <div
        class="message-actions"
        role="toolbar"
        aria-label="Message actions"
        hidden
        data-room-url={to(`/rooms/${room.slug}`)}
        data-api={to(`/api/rooms/${room.slug}/messages`)}
        data-manages={manages ? "true" : "false"}
      >
        <span class="quick-reactions">
          {reactionRules.quick.map((emoji) => (
            <button type="button" data-react={emoji} aria-label={`React with ${emoji}`} title={`React with ${emoji}`}>
              {emoji}
            </button>
          ))}
        </span>
        <span class="message-action-buttons">
          <button
            type="button"
            data-action="more"
            aria-label="More reactions"
            title="More reactions"
            aria-haspopup="dialog"
            aria-expanded="false"
          >
            <Icon d={icons.react} />
          </button>
          <button type="button" data-action="reply" aria-label="Reply" title="Reply">
            <Icon d={icons.reply} />
          </button>
          <button type="button" data-action="edit" aria-label="Edit" title="Edit">
            <Icon d={icons.edit} />
          </button>
          <button type="button" data-action="delete" aria-label="Delete" title="Delete" class="danger">
            <Icon d={icons.remove} />
          </button>
          <button type="button" data-action="copy-link" aria-label="Copy link" title="Copy link">
            <Icon d={icons.link} />
          </button>
        </span>
        <span class="message-actions-status" role="status"></span>
      </div>
      <dialog class="delete-message" aria-labelledby="delete-message-title">
        <form method="dialog">
          <h2 id="delete-message-title">Delete this message?</h2>
          <p>It disappears for everyone.</p>
          <p class="delete-whose" hidden></p>
          <div class="dialog-buttons">
            <button type="submit" value="cancel" autofocus>
              Cancel
            </button>
            <button type="submit" value="delete" class="danger">
              Delete
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
};
