import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { WSContext } from "hono/ws";
import type { AppEnv, Deps } from "../app-env.ts";
import { closeCodeFor } from "../delivery/close-codes.ts";
import { isSameOrigin } from "./access.ts";
import type { Chat } from "./chat.ts";
import { parseChanges, parseCursor } from "./cursor.ts";
import { findVisibleRoom } from "./find-room.ts";
import { type Member, RoomConnection } from "./room-connection.ts";

/** Whether a socket may open: the member it admits, or the close code that refuses it. */
export type SocketVerdict = ({ ok: true } & Member) | { ok: false; code: number; reason: string };

/** Who may open a room's socket: the room page's check, or an embed's (src/embed/). */
export type Admit = (c: Context<AppEnv>, deps: Deps) => Promise<SocketVerdict>;

/**
 * Runs a check that throws the pages' and the API's own refusals (401, 403, 404, 400) and
 * answers them as close codes instead.
 */
export async function admitting(check: () => Promise<SocketVerdict & { ok: true }>): Promise<SocketVerdict> {
  try {
    return await check();
  } catch (error) {
    if (!(error instanceof HTTPException)) throw error;
    return { ok: false, code: closeCodeFor(error.status), reason: error.message };
  }
}

/** Decides before anything is sent: only an admitted socket ever receives a room's fragments. */
const admitMember: Admit = (c, deps) =>
  admitting(async () => {
    if (!isSameOrigin(c, deps.config)) throw new HTTPException(403, { message: "foreign origin" });
    const { user, session } = c.var;
    if (!user || !session) throw new HTTPException(401, { message: "sign in first" });
    // A room this person may not see closes 4404, as a made-up slug does, before anything is sent.
    const { room } = await findVisibleRoom(deps.store, c.req.param("slug"), user);
    const { after } = parseCursor(c.req.query());
    return { ok: true, user, session, room, after: after ?? null, changes: parseChanges(c.req.query()) };
  });

/** The room's socket (see RoomConnection), for members that `admit` lets in. */
export function roomSocket(deps: Deps, chat: Chat, admit: Admit = admitMember) {
  return deps.upgradeWebSocket(async (c: Context<AppEnv>) => connectionFor(chat, await admit(c, deps)));
}

// Outside the async function above: a closure made in it would hold the request's context (its
// request, headers and response) for as long as the socket is open.
function connectionFor(chat: Chat, verdict: SocketVerdict) {
  if (!verdict.ok) {
    const { code, reason } = verdict;
    // A room one may not see is a 4404 like a made-up one; either is a door that stayed shut.
    chat.metrics?.refused(code === 4429 ? "rate_limited" : code === 4400 ? "invalid" : "forbidden");
    return { onOpen: (_event: Event, ws: WSContext) => ws.close(code, reason) };
  }
  return new RoomConnection(chat, verdict);
}
