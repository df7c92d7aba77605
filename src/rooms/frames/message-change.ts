import { type ChangeResult, deleteMessage, editMessage, reactTo } from "../message-changes.ts";
import type { RoomConnection } from "../room-connection.ts";
import type { Fields, FrameKind } from "./frame-kind.ts";
import { refuse } from "./refusal.tsx";

/** A message id from a frame's field: hx-ws sends form values as text. */
const messageIdIn = (value: unknown): number | null => {
  const id = Number(value);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
};

/** The person and their standing in the room, read when they change something (rare, unlike sending). */
const changerOf = async (socket: RoomConnection) => ({
  person: socket.user,
  standing: await socket.chat.store.rooms.standing(socket.room.id, socket.user.id),
});

/** A refusal goes to the sender's composer line; success needs no answer: the broadcast is it. */
const answer = (socket: RoomConnection, result: ChangeResult) => (result.ok ? undefined : refuse(socket, result.error));

const failed = (socket: RoomConnection) => refuse(socket, "something went wrong on our side.");

/** `{"edit": id, "body": "…"}`: the author's new text for their message (src/rooms/message-changes.ts). */
export const edit: FrameKind<RoomConnection, { id: number; body: unknown }> = {
  read: ({ edit, body }: Fields) => {
    const id = messageIdIn(edit);
    return id === null ? "Which message? An edit names its id." : { id, body };
  },
  async handle(socket, { id, body }) {
    await answer(socket, await editMessage(socket.chat, socket.room, await changerOf(socket), id, body));
  },
  failed,
};

/** `{"delete": id}`: the author, a moderator or the owner deletes a message. */
export const remove: FrameKind<RoomConnection, { id: number }> = {
  read: ({ delete: id }: Fields) => {
    const message = messageIdIn(id);
    return message === null ? "Which message? A deletion names its id." : { id: message };
  },
  async handle(socket, { id }) {
    await answer(socket, await deleteMessage(socket.chat, socket.room, await changerOf(socket), id));
  },
  failed,
};

/**
 * `{"react": "👍", "message": id}`: toggles the sender's emoji on a message; `"on": "true"` or
 * `"false"` adds or takes it back whatever it was (a second tab's click does not undo the first's).
 */
export const react: FrameKind<RoomConnection, { id: number; emoji: unknown; on?: boolean }> = {
  read: ({ react: emoji, message, on }: Fields) => {
    const id = messageIdIn(message);
    if (id === null) return "Which message? A reaction names its id.";
    if (on === undefined) return { id, emoji };
    if (on !== "true" && on !== "false" && typeof on !== "boolean") return "A reaction is on or off.";
    return { id, emoji, on: on === true || on === "true" };
  },
  async handle(socket, { id, emoji, on }) {
    await answer(socket, await reactTo(socket.chat, socket.room, await changerOf(socket), id, emoji, on));
  },
  failed,
};
