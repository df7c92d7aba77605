import { readMarks } from "../../live/read-marks.ts";
import type { RoomConnection } from "../room-connection.ts";
import type { FrameKind } from "./frame-kind.ts";

/**
 * `{"read": id}`: the newest message the reader has seen. Written at the pace of `readMarks`
 * (one a second per socket), then the person's other pages hear the room's new counts.
 */
export const readMark: FrameKind<RoomConnection, { id: number }> = {
  read({ read }) {
    const id = Number(read);
    return Number.isSafeInteger(id) && id >= 0 ? { id } : "A read mark is a message id.";
  },
  handle: (socket, { id }) => readMarks.take(socket, id, (upTo) => markRead(socket, upTo)),
};

async function markRead(socket: RoomConnection, id: number): Promise<void> {
  if (id <= socket.readUpTo) return;
  socket.readUpTo = id;
  const { room, user, chat } = socket;
  // The mark the store kept: never past the room's newest message, so a mark sent too far
  // (1e12) does not make this socket ignore its own later, real ones.
  socket.readUpTo = await chat.store.rooms.markRead(room.id, user.id, id);
  const { notify: _, ...state } = await chat.store.rooms.readState(room.id, user.id);
  chat.activity.read(user.id, room.id, state);
}
