import type { Context } from "hono";
import type { WSContext } from "hono/ws";
import type { AppEnv, Deps } from "../app-env.ts";
import { closeCodes } from "../delivery/close-codes.ts";
import type { ActivityChannel } from "../delivery/room-activity.ts";
import type { AdmittedSocket, SessionSockets } from "../delivery/session-sockets.ts";
import { socketId } from "../logs/socket-ids.ts";
import { isSameOrigin } from "../rooms/access.ts";
import { watchRooms } from "./watch-rooms.tsx";

/**
 * GET /me/ws: the socket of a page that shows the person's rooms but no room (home). It only
 * listens: each of their rooms' counts and latest activity, live. A room's page needs none of
 * this: its own socket carries the same for the sidebar.
 */
export function personSocket(
  deps: Deps,
  { sessionSockets, activity }: { sessionSockets: SessionSockets; activity: ActivityChannel },
) {
  // Not async: an async function's closures would keep the request's context alive with the socket.
  return deps.upgradeWebSocket((c: Context<AppEnv>) => {
    const { user, session, paths } = c.var;
    // Refused as the room socket refuses: accepted, then closed with a 4xxx code (see access.ts).
    const refuse = (code: number, reason: string) => ({
      onOpen: (_event: Event, ws: WSContext) => ws.close(code, reason),
    });
    if (!isSameOrigin(c, deps.config)) return refuse(closeCodes.forbidden, "foreign origin");
    if (!user || !session) return refuse(closeCodes.unauthenticated, "sign in first");
    let admitted: AdmittedSocket | null = null;
    let watching: Promise<void> = Promise.resolve();
    return {
      onOpen(_event: Event, ws: WSContext) {
        const socket = { ws, session, userId: user.id };
        admitted = sessionSockets.admit(socket) ? socket : null;
        if (!admitted) {
          ws.close(closeCodes.rateLimited, "too many open pages in this session");
          return;
        }
        watching = watchRooms(deps.store, activity, ws, user, paths, { withLatest: true }).catch((err) =>
          deps.log?.error({ socket: socketId(ws), user: user.id, err }, "person socket failed"),
        );
      },
      onClose(_event: CloseEvent, ws: WSContext) {
        if (!admitted) return;
        sessionSockets.release(admitted);
        watching.then(() => activity.unwatch(ws));
      },
    };
  });
}
