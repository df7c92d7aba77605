import { pendingId } from "../../../views/messages/pending.tsx";
import { ComposerError, type RefusalKind, refusalMarkup } from "../../../views/messages/refusal.tsx";
import { Replace, replaceMarkup } from "../../../views/messages/stream.tsx";
import type { Paths } from "../../../views/paths.ts";
import { render } from "../../../views/render.ts";
import { composerErrorId } from "../../../views/rooms/composer.tsx";
import type { Room } from "../../store/records.ts";
import type { RoomConnection } from "../room-connection.ts";

/**
 * A refusal without a key is the same fragment for everyone in a room with the same reason:
 * rendered once. Under a flood of refused frames (a client ignoring "slow down") refusing must
 * cost next to nothing, or refusing becomes the overload. Bounded: emptied at 1,000.
 */
const composerErrors = new Map<string, Promise<string>>();
const composerError = (room: Room, error: string, paths: Paths) => {
  const key = `${paths.base}\n${room.id}\n${error}`;
  let fragment = composerErrors.get(key);
  if (!fragment) {
    if (composerErrors.size >= 1000) composerErrors.clear();
    fragment = render(
      <Replace target={composerErrorId(room)}>
        <ComposerError room={room} error={error} />
      </Replace>,
      paths,
    );
    composerErrors.set(key, fragment);
  }
  return fragment;
};

export type Refused = { body?: string; key?: string | null; kind?: RefusalKind; retryAfterMs?: number };

/**
 * A refusal goes to the sender only, and never touches the composer's draft: a keyed send's
 * pending item becomes a "not sent" item (text, reason, what to do); a frame without a key
 * gets the reason in the composer's error line.
 */
export async function refuse(
  { ws, room, chat }: Pick<RoomConnection, "ws" | "room" | "chat">,
  error: string,
  refused: Refused = {},
): Promise<void> {
  const { body = "", key = null, kind = "invalid", retryAfterMs } = refused;
  if (!key) {
    ws.send(await composerError(room, error, chat.paths));
    return;
  }
  // A string, not a render: a flood of refused sends is answered with this (views/messages/refusal.tsx).
  ws.send(replaceMarkup(pendingId(key), refusalMarkup({ sendKey: key, body, error, kind, retryAfterMs })));
}
