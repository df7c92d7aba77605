import type { WSContext } from "hono/ws";
import type { Bus } from "../bus/bus.ts";
import type { Limiter } from "../limits/limiter.ts";
import { closeCodes } from "./close-codes.ts";
import { socketLimits } from "./socket-limits.ts";
import { sessionsTopic } from "./topics.ts";

/** An admitted socket as the registry holds it: whose it is, and how to close it. */
export interface AdmittedSocket {
  readonly ws: WSContext;
  readonly session: string;
  readonly userId: number;
  /** The room a room socket is in: a person removed from it, or its deletion, closes it. */
  readonly room?: { readonly id: number };
}
/**
 * Who must go: a session, a person (but one session), everyone in a room's embed (un-shared), or
 * a person's sockets in one room (removed, banned), or everyone's there (the room deleted).
 */
type Ending =
  | { session: string }
  | { user: number; except?: string }
  | { unshared: number; sessions: string[] }
  | RoomEnding;
/**
 * `notice` is a fragment each closing socket gets first (why it closes, for the page to say);
 * without `user`, every socket in the room goes, its embed's readers too.
 */
type RoomEnding = { room: number; user?: number; code: number; reason: string; notice: string };

/**
 * This instance's admitted sockets, by session ("session sockets": not every open socket, which
 * the kit's open-sockets.ts tracks for shutdown, nor a room's subscribers, which channels.ts counts). Ending a session (log-out) or all of a person's
 * sessions (password change) is announced on the bus, so every instance closes the affected
 * sockets at once: a signed-out session must stop sending and receiving right away.
 * Each socket is held as itself (its connection, mostly): no record of its own per socket.
 * An embed's anonymous readers have no session: they are held by room, so un-sharing the room
 * closes them too (with its speakers' sessions), on every instance, with 4404 "not shared".
 *
 * A session's cap counts here at once (admit stays synchronous: it guards this instance's
 * memory), and over every instance through `limiter` right after: a socket that tips the
 * session over the shared cap is closed with 4429, as a refused one is.
 */
export function createSessionSockets(
  bus: Bus,
  {
    log = console.error,
    maxPerSession = socketLimits.perSession,
    limiter,
  }: { log?: (line: string) => void; maxPerSession?: number; limiter?: Pick<Limiter, "hold" | "release"> } = {},
) {
  /** Each admitted socket and its number with the shared limiter. */
  const admitted = new Map<AdmittedSocket, number>();
  let opened = 0;
  const perSession = new Map<string, number>();
  /** The embed's read-only sockets, by room id. */
  const readers = new Map<number, Set<WSContext>>();

  const end = (ending: Ending) => {
    if ("unshared" in ending) return endEmbed(ending.unshared, new Set(ending.sessions));
    if ("room" in ending) return endInRoom(ending);
    for (const { ws, session, userId } of admitted.keys()) {
      const ends =
        "session" in ending ? session === ending.session : userId === ending.user && session !== ending.except;
      if (ends) {
        ws.close(closeCodes.unauthenticated, "signed out");
      }
    }
  };
  const endEmbed = (roomId: number, sessions: Set<string>) => {
    for (const ws of readers.get(roomId) ?? []) ws.close(closeCodes.noSuchRoom, "not shared");
    readers.delete(roomId);
    for (const { ws, session } of admitted.keys()) {
      if (sessions.has(session)) ws.close(closeCodes.noSuchRoom, "not shared");
    }
  };
  const endInRoom = ({ room, user, code, reason, notice }: RoomEnding) => {
    for (const { ws, userId, room: where } of admitted.keys()) {
      if (where?.id !== room || (user !== undefined && userId !== user)) continue;
      ws.send(notice);
      ws.close(code, reason);
    }
    if (user !== undefined) return;
    for (const ws of readers.get(room) ?? []) {
      ws.send(notice);
      ws.close(code, reason);
    }
    readers.delete(room);
  };
  const hearing = bus
    .subscribe(sessionsTopic, (payload) => {
      try {
        end(JSON.parse(payload) as Ending);
      } catch {
        log(`sockets: ignored a malformed session ending: ${payload.slice(0, 80)}`);
      }
    })
    .catch((error: unknown) => log(`sockets: cannot hear session endings: ${error}`));

  const announce = async (ending: Ending) => {
    end(ending);
    // The bus hands it back to this instance too; closing a closed socket does nothing.
    await bus.publish(sessionsTopic, JSON.stringify(ending));
  };

  return {
    /** Counts the socket against its session's limit; false (and nothing counted) when the session is at it. */
    admit(socket: AdmittedSocket): boolean {
      const open = perSession.get(socket.session) ?? 0;
      if (open >= maxPerSession) return false;
      perSession.set(socket.session, open + 1);
      const id = ++opened;
      admitted.set(socket, id);
      limiter
        ?.hold("session-sockets", socket.session, String(id), maxPerSession)
        .then((held) => {
          if (!held && admitted.has(socket))
            socket.ws.close(closeCodes.rateLimited, "too many open rooms in this session");
        })
        .catch((error: unknown) => log(`sockets: cannot count a session's sockets: ${error}`));
      return true;
    },
    release(socket: AdmittedSocket): void {
      const id = admitted.get(socket);
      if (id === undefined) return;
      admitted.delete(socket);
      limiter?.release("session-sockets", socket.session, String(id)).catch(() => {});
      const left = (perSession.get(socket.session) ?? 1) - 1;
      if (left > 0) perSession.set(socket.session, left);
      else perSession.delete(socket.session);
    },
    /** Holds an embed's read-only socket until it closes or the room stops being shared. */
    addReader(roomId: number, ws: WSContext): void {
      const room = readers.get(roomId) ?? new Set();
      readers.set(roomId, room.add(ws));
    },
    removeReader(roomId: number, ws: WSContext): void {
      const room = readers.get(roomId);
      if (!room?.delete(ws) || room.size) return;
      readers.delete(roomId);
    },
    /**
     * The room is no longer shared: closes its embed's readers and the sockets of `sessions` (its
     * embed's speakers, whose sessions the caller ended) with 4404, on every instance.
     */
    endEmbed: (roomId: number, sessions: string[]) => announce({ unshared: roomId, sessions }),
    /** Closes every socket of the session, on every instance. */
    endSession: (session: string) => announce({ session }),
    /** Closes every socket of the person, on every instance. */
    endUser: (user: number) => announce({ user }),
    /** Closes every socket of the person but those of `keepSession` (password change), on every instance. */
    endUserExcept: (user: number, keepSession: string) => announce({ user, except: keepSession }),
    /**
     * Closes the person's sockets in the room (removed or banned from it), on every instance,
     * each sent `notice` first; with no `user`, everyone's there (the room deleted).
     */
    endInRoom: (ending: RoomEnding) => announce(ending),
    /** Resolves once this instance hears endings from other instances. */
    ready: () => hearing.then(() => {}),
  };
}

export type SessionSockets = ReturnType<typeof createSessionSockets>;
