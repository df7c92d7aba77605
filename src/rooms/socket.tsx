import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { WSContext } from "hono/ws";
import { pendingId } from "../../views/messages/pending.tsx";
import { ComposerError, Refusal, type RefusalKind } from "../../views/messages/refusal.tsx";
import { Remove, Replace } from "../../views/messages/stream.tsx";
import { render } from "../../views/render.ts";
import { composerErrorId } from "../../views/rooms/composer.tsx";
import { Typing, TypingDone } from "../../views/rooms/typing.tsx";
import type { AppEnv, Deps } from "../app-env.ts";
import { catchUpFrames } from "../delivery/catch-up.tsx";
import type { Channels } from "../delivery/channels.ts";
import type { OthersChannel } from "../delivery/others-channel.ts";
import type { ActivityChannel } from "../delivery/room-activity.ts";
import type { SocketRegistry } from "../delivery/socket-registry.ts";
import { roomTopic, typingTopic } from "../delivery/topics.ts";
import type { RoomPresence } from "../live/room-presence.tsx";
import { watchRooms } from "../live/watch-rooms.tsx";
import type { Room, User } from "../store/records.ts";
import { canJoin, closeCodeFor, closeCodes, isSameOrigin } from "./access.ts";
import { parseCursor } from "./cursor.ts";
import { findRoom } from "./find-room.ts";
import { parseFrame } from "./message-input.ts";
import { type Posting, post } from "./messages.ts";
import { typingRules } from "./typing-rules.ts";

/** What the room socket works with, built once by createApp. */
export interface RoomLive {
  channels: Channels;
  sockets: SocketRegistry;
  posting: Posting;
  presence: RoomPresence;
  /** Typing signals: to everyone in the room but the typist. */
  others: OthersChannel;
  /** Unread and mention counts of the reader's other rooms, live. */
  activity: ActivityChannel;
}

/**
 * A refusal without a key is the same fragment for everyone in a room with the same reason:
 * rendered once. Under a flood of refused frames (a client ignoring "slow down") refusing must
 * cost next to nothing, or refusing becomes the overload. Bounded: emptied at 1,000.
 */
const composerErrors = new Map<string, Promise<string>>();
const composerError = (room: Room, error: string) => {
  const key = `${room.id}\n${error}`;
  let fragment = composerErrors.get(key);
  if (!fragment) {
    if (composerErrors.size >= 1000) composerErrors.clear();
    fragment = render(
      <Replace target={composerErrorId(room)}>
        <ComposerError room={room} error={error} />
      </Replace>,
    );
    composerErrors.set(key, fragment);
  }
  return fragment;
};

export type Admission =
  | { ok: true; user: User; session: string; room: Room; after: number | null }
  | { ok: false; code: number; reason: string };

/** Who may open a room's socket: the room page's check, or an embed's (src/embed/). */
export type Admit = (c: Context<AppEnv>, deps: Deps) => Promise<Admission>;

/**
 * Runs a check that throws the pages' and the API's own refusals (401, 403, 404, 400) and
 * answers them as close codes instead.
 */
export async function admitting(check: () => Promise<Admission & { ok: true }>): Promise<Admission> {
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
    const room = await findRoom(deps.store, c.req.param("slug"));
    if (!canJoin(user, room)) throw new HTTPException(403, { message: "not a member" });
    const { after } = parseCursor(c.req.query());
    return { ok: true, user, session, room, after: after ?? null };
  });

/**
 * The room's socket: subscribe first, then replay what the client missed since `?after=`,
 * then stream live fragments. A live fragment may also arrive in the replay; the list
 * upserts by message id, so it shows once. Each send is acknowledged to its sender.
 */
export function roomSocket(deps: Deps, live: RoomLive, admit: Admit = admitMember) {
  // The handlers are made outside this async function: in it, every closure would hold the
  // request's context (and its request, headers and response) for as long as the socket is open.
  return deps.upgradeWebSocket(async (c: Context<AppEnv>) =>
    socketEvents(deps, live, await admit(c, deps), c.req.path),
  );
}

/** One socket's handlers, once its admission is decided. */
function socketEvents(
  deps: Deps,
  { channels, sockets, posting, presence, others, activity }: RoomLive,
  admission: Admission,
  path: string,
) {
  const log = (error: unknown) => console.error(`socket ${path}:`, error);
  if (!admission.ok) {
    return { onOpen: (_event: Event, ws: WSContext) => ws.close(admission.code, admission.reason) };
  }
  const { user, session, room, after } = admission;
  const topic = roomTopic(room);
  const typing = typingTopic(room);
  const person = { id: user.id, username: user.username, displayName: user.displayName, avatar: user.avatar };
  /** When this socket last passed on a typing signal (0: not typing). */
  let typedAt = 0;
  /** Just after a message, a late signal from the page's throttle is not news. */
  let quietUntil = 0;

  const passOnTyping = async () => {
    const now = Date.now();
    if (now - typedAt < typingRules.serverEveryMs || now < quietUntil) return;
    typedAt = now;
    others.publish(typing, user.id, await render(<Typing room={room} person={person} />));
  };
  /** The newest message id this socket has marked read (frames below it change nothing). */
  let readUpTo = 0;
  const markRead = async (id: number) => {
    if (id <= readUpTo) return;
    readUpTo = id;
    await deps.store.rooms.markRead(room.id, user.id, id);
    const { notify: _, ...state } = await deps.store.rooms.readState(room.id, user.id);
    activity.read(user.id, room.id, state);
  };
  /** A message ends its sender's "is typing…" at once for everyone else. */
  const stopTyping = async () => {
    if (Date.now() - typedAt > typingRules.showsForMs) return;
    typedAt = 0;
    others.publish(typing, user.id, await render(<TypingDone room={room} person={person} />));
  };

  /**
   * A refusal goes to the sender only, and never touches the composer's draft: a keyed send's
   * pending item becomes a "not sent" item (text, reason, what to do); a frame without a key
   * gets the reason in the composer's error line.
   */
  const refuse = async (
    ws: WSContext,
    error: string,
    refused: { body?: string; key?: string | null; kind?: RefusalKind; retryAfterMs?: number } = {},
  ) => {
    const { body = "", key = null, kind = "invalid", retryAfterMs } = refused;
    if (!key) {
      ws.send(await composerError(room, error));
      return;
    }
    ws.send(
      await render(
        <Replace target={pendingId(key)}>
          <Refusal sendKey={key} body={body} error={error} kind={kind} retryAfterMs={retryAfterMs} />
        </Replace>,
      ),
    );
  };

  /** The acknowledgement: the stored message itself (so it shows even before the broadcast) and the end of "sending". */
  const acknowledge = async (ws: WSContext, fragment: string, key: string) =>
    ws.send(fragment + (await render(<Remove target={pendingId(key)} />)));

  // Frames wait until the socket is subscribed, so a sender always gets its own broadcast.
  let subscribed: Promise<void> = Promise.resolve();
  // Settles once the socket is in the presence list (or failed to be): leaving waits for it.
  let arrived: Promise<void> = Promise.resolve();
  let admitted = true;
  return {
    onOpen(_event: Event, ws: WSContext) {
      if (!sockets.admit(ws, { session, user: user.id })) {
        admitted = false;
        ws.close(closeCodes.rateLimited, "too many open rooms in this session");
        return;
      }
      subscribed = (async () => {
        await deps.store.rooms.join(room.id, user.id);
        await channels.join(ws, topic);
        others.join(ws, typing, user.id);
      })();
      arrived = subscribed
        .then(async () => {
          if (after !== null) {
            const severalInstances = deps.config.REDIS_URL !== undefined;
            for (const frame of await catchUpFrames(deps.store, room, after, { severalInstances })) ws.send(frame);
          }
          // Once subscribed, so this socket hears the list that its own arrival changes.
          const here = await presence.enter(room.id, person).catch((error) => log(error));
          if (here) ws.send(here);
          if (admitted) await watchRooms(deps.store, activity, ws, user, { except: room.id });
        })
        .catch(log);
    },
    onMessage(event: MessageEvent, ws: WSContext) {
      if (!admitted) return;
      const frame = parseFrame(event.data);
      if (!frame.ok) {
        refuse(ws, frame.error).catch(log);
        return;
      }
      if (frame.kind === "typing") {
        subscribed.then(passOnTyping).catch(log);
        return;
      }
      if (frame.kind === "read") {
        subscribed.then(() => markRead(frame.id)).catch(log);
        return;
      }
      const { key } = frame;
      subscribed
        .then(() => post(posting, room, user, frame))
        .then(async (result) => {
          if (!result.ok) {
            const held = result.status === 429 ? { kind: "held" as const, retryAfterMs: result.retryAfterMs } : {};
            return refuse(ws, result.error, { body: result.body, key, ...held });
          }
          quietUntil = Date.now() + typingRules.serverEveryMs;
          if (typedAt) await stopTyping();
          if (key) return acknowledge(ws, result.fragment, key);
        })
        .catch(async (error) => {
          log(error);
          const body = typeof frame.body === "string" ? frame.body : "";
          await refuse(ws, "something went wrong on our side.", { body, key, kind: "failed" }).catch(log);
        });
    },
    onClose(_event: CloseEvent, ws: WSContext) {
      if (!admitted) return;
      sockets.release(ws);
      // Leave only once the join has settled: leaving first would keep the room subscribed forever.
      subscribed
        .catch(() => {})
        .then(() => {
          channels.leave(ws, topic);
          others.leave(ws, typing);
        });
      arrived
        .then(() => {
          activity.unwatch(ws);
          return presence.leave(room.id, user.id);
        })
        .catch(log);
    },
  };
}
