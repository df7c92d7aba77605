import type { RoomConnection } from "../room-connection.ts";
import { catchUp } from "./catch-up.ts";
import type { FrameTable } from "./frame-kind.ts";
import { edit, react, remove } from "./message-change.ts";
import { message } from "./post.tsx";
import { readMark } from "./read-mark.ts";
import { typing } from "./typing.tsx";

/**
 * The room socket's frames, each named by its field (htmx sends the form's fields at the top
 * level). An edit carries text too, so it comes first; then a message: a frame with text is one,
 * whatever else it carries. A frame that names no kind is taken as a message, which refuses it
 * for want of text.
 */
export const roomFrames: FrameTable<RoomConnection> = {
  kinds: {
    edit,
    body: message,
    delete: remove,
    react,
    typing,
    read: readMark,
    after: catchUp,
  },
  otherwise: message,
};
