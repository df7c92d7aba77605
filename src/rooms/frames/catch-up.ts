import type { WSContext } from "hono/ws";
import type { Room } from "../../store/records.ts";
import { catchUpEveryMs, catchUpFrames } from "../catch-up.tsx";
import type { Chat } from "../chat.ts";
import type { FrameKind } from "./frame-kind.ts";

/** What catching up needs of a socket: the room's and the embed's reader alike. */
export interface CatchingUp {
  readonly ws: WSContext;
  readonly room: Room;
  readonly chat: Pick<Chat, "store" | "paths">;
  /** When this socket last answered a page's request to fill a hole. */
  caughtUpAt: number;
}

/** Sends the socket what its page lacks after message `after` and change `changes` (src/rooms/catch-up.tsx). */
export async function sendMissed({ ws, room, chat }: CatchingUp, after: number, changes?: number): Promise<void> {
  for (const frame of await catchUpFrames(chat.store, room, after, chat.paths, changes)) ws.send(frame);
}

const wholeNumber = (value: unknown) => {
  const number = Number(value);
  return Number.isSafeInteger(number) && number >= 0 ? number : null;
};

/**
 * `{"after": id, "changes": n}`: the page saw a hole after message `id`, or after change `n`, that
 * live fragments did not fill (a bus outage, say). Answered at most once per `catchUpEveryMs` per
 * socket; the page asks again while its hole lasts.
 */
export const catchUp: FrameKind<CatchingUp, { after: number; changes?: number }> = {
  read({ after, changes }) {
    const id = wholeNumber(after);
    if (id === null) return "A catch-up starts after a message id.";
    if (changes === undefined || changes === "") return { after: id };
    const change = wholeNumber(changes);
    return change === null ? "A catch-up starts after a change number." : { after: id, changes: change };
  },
  async handle(socket, { after, changes }) {
    const now = Date.now();
    if (now - socket.caughtUpAt < catchUpEveryMs) return;
    socket.caughtUpAt = now;
    await sendMissed(socket, after, changes);
  },
};
