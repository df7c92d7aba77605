import { WSContext, type WSEvents } from "hono/ws";
import { pendingId } from "../../views/messages/pending.tsx";
import { ComposerError, Refusal, type RefusalKind } from "../../views/messages/refusal.tsx";
import { Remove, Replace } from "../../views/messages/stream.tsx";
import type { Paths } from "../../views/paths.ts";
import { render } from "../../views/render.ts";
import { composerErrorId } from "../../views/rooms/composer.tsx";
import { Typing, TypingDone } from "../../views/rooms/typing.tsx";
import type { Deps } from "../app-env.ts";
import type { Channels } from "../delivery/channels.ts";
import { closeCodes } from "../delivery/close-codes.ts";
import type { OthersChannel, OthersMember } from "../delivery/others-channel.ts";
import type { ActivityChannel } from "../delivery/room-activity.ts";
import type { AdmittedSocket, SocketRegistry } from "../delivery/socket-registry.ts";
import { roomTopic, typingTopic } from "../delivery/topics.ts";
import { readMarks } from "../live/read-marks.ts";
import type { RoomPresence } from "../live/room-presence.tsx";
import { watchRooms } from "../live/watch-rooms.tsx";
import type { MessageAuthor, Room, User } from "../store/records.ts";
import { catchUpEveryMs, catchUpFrames } from "./catch-up.tsx";
import { parseFrame } from "./message-input.ts";
import { type Posting, post } from "./messages.ts";
import { sharedRoom } from "./shared-room.ts";
import { typingRules } from "./typing-rules.ts";

/** What the room socket works with, built once by createApp. */
export interface RoomLive {
  /** The app's paths, which every fragment's links are written under. */
  paths: Paths;
  store: Deps["store"];
  channels: Channels;
  sockets: SocketRegistry;
  posting: Posting;
  presence: RoomPresence;
  /** Typing signals: to everyone in the room but the typist. */
  others: OthersChannel;
  /** Unread and mention counts of the reader's other rooms, live. */
  activity: ActivityChannel;
}

/** A member admitted to a room's socket: who, with which session, where, and from which message on. */
export interface Member {
  user: User;
  session: string;
  room: Room;
  after: number | null;
}

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

const settled = Promise.resolve();
/** Set in the constructor, so the field has its slot in the object from the start. */
const notOpenYet = new WSContext({ send: () => {}, close: () => {}, readyState: 0 });
const noop = () => {};

type Refused = { body?: string; key?: string | null; kind?: RefusalKind; retryAfterMs?: number };

/**
 * One open room socket: subscribe first, then replay what the client missed since `?after=`,
 * then stream live fragments. A live fragment may also arrive in the replay; the list upserts
 * by message id, so it shows once. Each send is acknowledged to its sender.
 *
 * One object per socket with its handlers on the prototype: an idle socket costs its fields,
 * not a dozen closures and their scopes (thousands of idle sockets are the common load).
 */
export class RoomConnection implements WSEvents, AdmittedSocket, OthersMember {
  /** This socket once open: the session registry and the typing channel hold the connection itself. */
  ws: WSContext = notOpenYet;
  /** When this socket last passed on a typing signal (0: not typing). */
  private typedAt = 0;
  /** Just after a message, a late signal from the page's throttle is not news. */
  private quietUntil = 0;
  /** The newest message id this socket has marked read (frames below it change nothing). */
  private readUpTo = 0;
  /** When this socket last answered a page's request to fill a hole. */
  private caughtUpAt = 0;
  /** Frames wait until the socket is subscribed, so a sender always gets its own broadcast. */
  private subscribed: Promise<void> = Promise.resolve();
  /** Settles once the socket is in the presence list (or failed to be): leaving waits for it. */
  private arrived: Promise<void> = Promise.resolve();
  private admitted = true;
  /** Only what sending needs of the person: the whole record (bio, dates) would stay with every socket. */
  private readonly user: MessageAuthor;
  readonly session: string;
  private readonly room: Room;
  private readonly after: number | null;

  constructor(
    private readonly live: RoomLive,
    { user, session, room, after }: Member,
  ) {
    const { id, username, displayName, avatar, kind } = user;
    this.user = { id, username, displayName, avatar, kind };
    this.session = session;
    this.room = sharedRoom(room);
    this.after = after;
  }

  get userId(): number {
    return this.user.id;
  }

  onOpen(_event: Event, ws: WSContext): void {
    this.ws = ws;
    if (!this.live.sockets.admit(this)) {
      this.admitted = false;
      ws.close(closeCodes.rateLimited, "too many open rooms in this session");
      return;
    }
    this.subscribed = this.subscribe(ws);
    this.arrived = this.arrive(ws).catch((error) => this.log(error));
    // Settled, they are swapped for one shared promise: an idle socket keeps neither.
    this.subscribed.then(() => {
      this.subscribed = settled;
    }, noop);
    this.arrived.then(() => {
      this.arrived = settled;
    });
  }

  onMessage(event: MessageEvent, ws: WSContext): void {
    if (!this.admitted) return;
    const frame = parseFrame(event.data);
    if (!frame.ok) {
      this.refuse(ws, frame.error).catch((error) => this.log(error));
      return;
    }
    if (frame.kind === "typing") {
      this.subscribed.then(() => this.passOnTyping()).catch((error) => this.log(error));
      return;
    }
    if (frame.kind === "read") {
      this.subscribed
        .then(() => readMarks.take(this, frame.id, (id) => this.markRead(id)))
        .catch((error) => this.log(error));
      return;
    }
    if (frame.kind === "catch-up") {
      this.subscribed.then(() => this.fillHole(ws, frame.after)).catch((error) => this.log(error));
      return;
    }
    const { key } = frame;
    const { room, user } = this;
    this.subscribed
      .then(() => post(this.live.posting, room, user, frame))
      .then(async (result) => {
        if (!result.ok) {
          const held = result.status === 429 ? { kind: "held" as const, retryAfterMs: result.retryAfterMs } : {};
          return this.refuse(ws, result.error, { body: result.body, key, ...held });
        }
        this.quietUntil = Date.now() + typingRules.serverEveryMs;
        if (this.typedAt) await this.stopTyping();
        if (key) return this.acknowledge(ws, result.fragment, key);
      })
      .catch(async (error) => {
        this.log(error);
        const body = typeof frame.body === "string" ? frame.body : "";
        await this.refuse(ws, "something went wrong on our side.", { body, key, kind: "failed" }).catch((failed) =>
          this.log(failed),
        );
      });
  }

  onClose(_event: CloseEvent, ws: WSContext): void {
    if (!this.admitted) return;
    const { channels, others, sockets, activity, presence } = this.live;
    const { room, user } = this;
    sockets.release(this);
    // Leave only once the join has settled: leaving first would keep the room subscribed forever.
    this.subscribed
      .catch(() => {})
      .then(() => {
        channels.leave(ws, roomTopic(room));
        others.leave(this, typingTopic(room));
      });
    this.arrived
      .then(() => {
        activity.unwatch(ws);
        return presence.leave(room.id, user.id);
      })
      .catch((error) => this.log(error));
  }

  private async subscribe(ws: WSContext): Promise<void> {
    const { room, user } = this;
    await this.live.store.rooms.join(room.id, user.id);
    await this.live.channels.join(ws, roomTopic(room));
    this.live.others.join(this, typingTopic(room));
  }

  private async arrive(ws: WSContext): Promise<void> {
    const { room, user, after } = this;
    await this.subscribed;
    if (after !== null)
      for (const frame of await catchUpFrames(this.live.store, room, after, this.live.paths)) ws.send(frame);
    // Once subscribed, so this socket hears the list that its own arrival changes.
    const here = await this.live.presence.enter(room.id, user).catch((error) => this.log(error));
    if (here) ws.send(here);
    if (this.admitted)
      await watchRooms(this.live.store, this.live.activity, ws, user, this.live.paths, { except: room.id });
  }

  /** The page saw a hole after message `after` that live fragments did not fill (a bus outage, say). */
  private async fillHole(ws: WSContext, after: number): Promise<void> {
    const now = Date.now();
    if (now - this.caughtUpAt < catchUpEveryMs) return;
    this.caughtUpAt = now;
    for (const frame of await catchUpFrames(this.live.store, this.room, after, this.live.paths)) ws.send(frame);
  }

  private async passOnTyping(): Promise<void> {
    const now = Date.now();
    if (now - this.typedAt < typingRules.serverEveryMs || now < this.quietUntil) return;
    this.typedAt = now;
    const { room, user } = this;
    // The name as it is now: a socket opened before a rename says the new one, as its messages do.
    const person = this.live.posting.profiles?.current(user) ?? user;
    this.live.others.publish(
      typingTopic(room),
      user.id,
      await render(<Typing room={room} person={person} />, this.live.paths),
    );
  }

  private async markRead(id: number): Promise<void> {
    if (id <= this.readUpTo) return;
    this.readUpTo = id;
    const { room, user } = this;
    // The mark the store kept: never past the room's newest message, so a mark sent too far
    // (1e12) does not make this socket ignore its own later, real ones.
    this.readUpTo = await this.live.store.rooms.markRead(room.id, user.id, id);
    const { notify: _, ...state } = await this.live.store.rooms.readState(room.id, user.id);
    this.live.activity.read(user.id, room.id, state);
  }

  /** A message ends its sender's "is typing…" at once for everyone else. */
  private async stopTyping(): Promise<void> {
    if (Date.now() - this.typedAt > typingRules.showsForMs) return;
    this.typedAt = 0;
    const { room, user } = this;
    this.live.others.publish(
      typingTopic(room),
      user.id,
      await render(<TypingDone room={room} person={user} />, this.live.paths),
    );
  }

  /**
   * A refusal goes to the sender only, and never touches the composer's draft: a keyed send's
   * pending item becomes a "not sent" item (text, reason, what to do); a frame without a key
   * gets the reason in the composer's error line.
   */
  private async refuse(ws: WSContext, error: string, refused: Refused = {}): Promise<void> {
    const { body = "", key = null, kind = "invalid", retryAfterMs } = refused;
    if (!key) {
      ws.send(await composerError(this.room, error, this.live.paths));
      return;
    }
    ws.send(
      await render(
        <Replace target={pendingId(key)}>
          <Refusal sendKey={key} body={body} error={error} kind={kind} retryAfterMs={retryAfterMs} />
        </Replace>,
        this.live.paths,
      ),
    );
  }

  /** The acknowledgement: the stored message itself (so it shows even before the broadcast) and the end of "sending". */
  private async acknowledge(ws: WSContext, fragment: string, key: string): Promise<void> {
    ws.send(fragment + (await render(<Remove target={pendingId(key)} />, this.live.paths)));
  }

  private log(error: unknown): void {
    console.error(`socket of room ${this.room.slug}:`, error);
  }
}
