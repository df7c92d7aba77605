import { typingDoneMarkup, typingMarkup } from "../../../views/rooms/typing.tsx";
import { typingTopic } from "../../delivery/topics.ts";
import type { RoomConnection } from "../room-connection.ts";
import { typingRules } from "../typing-rules.ts";
import type { FrameKind } from "./frame-kind.ts";

const signal = {} as const;

/**
 * `{"typing": …}`: the page's "is typing…" signal, passed on to everyone else in the room at most
 * once per `typingRules.serverEveryMs` per socket, and not just after this socket's own message
 * (a late signal from the page's throttle is not news then).
 */
export const typing: FrameKind<RoomConnection, typeof signal> = {
  read: () => signal,
  async handle(socket) {
    const now = Date.now();
    if (now - socket.typedAt < typingRules.serverEveryMs || now < socket.quietUntil) return;
    socket.typedAt = now;
    const { room, user, chat } = socket;
    // The name as it is now: a socket opened before a rename says the new one, as its messages do.
    const person = chat.profiles.current(user);
    chat.others.publish(typingTopic(room), user.id, typingMarkup(room, person));
  },
};

/** A message ends its sender's "is typing…" at once for everyone else, and quiets the page's late signals. */
export function stopTyping(socket: RoomConnection): void {
  socket.quietUntil = Date.now() + typingRules.serverEveryMs;
  if (!socket.typedAt || Date.now() - socket.typedAt > typingRules.showsForMs) return;
  socket.typedAt = 0;
  const { room, user, chat } = socket;
  chat.others.publish(typingTopic(room), user.id, typingDoneMarkup(room, user));
}
