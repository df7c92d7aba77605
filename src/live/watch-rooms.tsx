import type { WSContext } from "hono/ws";
import { Replace } from "../../views/messages/stream.tsx";
import type { Paths } from "../../views/paths.ts";
import { render } from "../../views/render.ts";
import { LatestActivity, latestId } from "../../views/rooms/room-card.tsx";
import { UnreadUpdate, unreadUpdateMarkup } from "../../views/rooms/unread.tsx";
import type { ActivityChannel, Badge } from "../delivery/room-activity.ts";
import type { ReadState } from "../store/records.ts";
import type { Store } from "../store/store.ts";

/**
 * Starts a page's live counts of its person's rooms (all but `except`, the room it shows), and
 * sends the counts as of now: after a reconnect the page may have missed some. A room page
 * shows counts only; home (`withLatest`) also each room's latest message.
 */
export async function watchRooms(
  store: Store,
  activity: ActivityChannel,
  ws: WSContext,
  user: { id: number },
  paths: Paths,
  { except, withLatest = false }: { except?: number; withLatest?: boolean } = {},
): Promise<void> {
  const joined = await store.rooms.listJoinedBy(user.id);
  const rooms = new Map(
    joined
      .filter((room) => room.id !== except)
      .map((room) => [
        room.id,
        {
          lastReadId: room.lastReadId,
          unread: room.unread,
          mentions: room.mentions,
          through: room.lastMessage?.id ?? 0,
        },
      ]),
  );
  // Someone in this room only has nothing to count: the socket holds no watcher at all.
  if (rooms.size === 0) return;
  const show = withLatest ? countsAndLatest : counts;
  activity.watch(ws, { user: user.id, rooms, render: (badges) => show(badges, paths) });
  ws.send(
    await counts(
      [...rooms].map(([roomId, state]) => ({ roomId, state })),
      paths,
    ),
  );
}

/** Rooms' badges, as a room page's sidebar shows them: strings, as each new message sends them. */
const counts = async (badges: Badge[], _paths: Paths) =>
  badges.map(({ roomId, state }) => unreadUpdateMarkup({ id: roomId }, state)).join("");

/** Rooms' badges and latest messages, as home shows them. */
const countsAndLatest = (badges: Badge[], paths: Paths) =>
  render(
    <>
      {badges.map(({ roomId, state, latest }) => (
        <>
          <UnreadUpdate room={{ id: roomId }} state={state} />
          {latest ? (
            <Replace target={latestId({ id: roomId })}>
              <LatestActivity room={{ id: roomId }} latest={{ ...latest, at: new Date(latest.at) }} preview />
            </Replace>
          ) : null}
        </>
      ))}
    </>,
    paths,
  );
