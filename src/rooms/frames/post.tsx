import { pendingId } from "../../../views/messages/pending.tsx";
import { removeMarkup } from "../../../views/messages/stream.tsx";
import { post } from "../messages.ts";
import type { RoomConnection } from "../room-connection.ts";
import type { FrameKind } from "./frame-kind.ts";
import { refuse } from "./refusal.tsx";
import { stopTyping } from "./typing.tsx";

type Send = { body: unknown; key: string | null; replyTo?: unknown };

/**
 * `{"body": …, "key": …}`: a message from the composer, posted as the API posts one (its text is
 * checked there). Acknowledged to its sender with the stored message itself (so it shows even
 * before the broadcast) and the end of "sending"; refused to the sender alone.
 */
export const message: FrameKind<RoomConnection, Send> = {
  read: ({ body, key, reply_to }) => ({ body, key: (key as string | undefined) ?? null, replyTo: reply_to }),
  async handle(socket, frame) {
    const { key } = frame;
    const result = await post(socket.chat, socket.room, socket.user, frame);
    if (!result.ok) {
      const held = result.status === 429 ? { kind: "held" as const, retryAfterMs: result.retryAfterMs } : {};
      return refuse(socket, result.error, { body: result.body, key, ...held });
    }
    stopTyping(socket);
    // The key is an id's characters only (isKey): its pending item's removal is a plain string.
    if (key) socket.ws.send(result.fragment + removeMarkup(pendingId(key)));
  },
  failed: (socket, { body, key }) =>
    refuse(socket, "something went wrong on our side.", {
      body: typeof body === "string" ? body : "",
      key,
      kind: "failed",
    }),
};
