import { WSContext, type WSEvents } from "hono/ws";
import { closeCodes } from "../delivery/close-codes.ts";
import type { OthersMember } from "../delivery/others-channel.ts";
import type { AdmittedSocket } from "../delivery/session-sockets.ts";
import { roomTopic, typingTopic } from "../delivery/topics.ts";
import { watchRooms } from "../live/watch-rooms.tsx";
import { socketId } from "../logs/socket-ids.ts";
import type { MessageAuthor, Room, User } from "../store/records.ts";
import type { Chat } from "./chat.ts";
import { sendMissed } from "./frames/catch-up.ts";
import { frameTooLarge, takeFrame } from "./frames/frame-kind.ts";
import { refuse } from "./frames/refusal.tsx";
import { roomFrames } from "./frames/room-frames.ts";
import { sharedRoom } from "./shared-room.ts";

/** A member admitted to a room's socket: who, with which session, where, and from which message on. */
export interface Member {
  user: User;
  session: string;
  room: Room;
  after: number | null;
  /** The room's change number the page has every change up to (`?changes=`); undefined: it does not count them. */
  changes?: number;
}

const settled = Promise.resolve();
/** Set in the constructor, so the field has its slot in the object from the start. */
const notOpenYet = new WSContext({ send: () => {}, close: () => {}, readyState: 0 });
const noop = () => {};

/**
 * One open room socket, its life in one place:
 * - open: counted against its session's sockets (over the cap: closed with 4429), then `join`s
 *   the room (a member, subscribed to its fragments and typing signals), then `arrive`s: what it
 *   missed since `?after=`, "here now" with itself in it, its other rooms' counts. A live fragment
 *   may also arrive in the replay; the list upserts by message id, so it shows once.
 * - a frame: read by its kind (frames/room-frames.ts), handled once joined, so a sender always
 *   gets its own broadcast.
 * - close: `leave`s the room only once the join has settled, and `depart`s (presence, counts)
 *   once the arrival has: leaving before joining would keep the room subscribed forever.
 *
 * One object per socket, its handlers on the prototype and in the frame table: an idle socket
 * costs its fields, not a dozen closures and their scopes (thousands of idle sockets are the
 * common load). So the frames keep their state here too, each field owned by one frame kind.
 */
export class RoomConnection implements WSEvents, AdmittedSocket, OthersMember {
  /** This socket once open: the session registry and the typing channel hold the connection itself. */
  ws: WSContext = notOpenYet;
  /** Settles once the socket is subscribed: frames wait for it. Then the shared settled promise. */
  joined: Promise<void> = settled;
  /** Settles once the socket has arrived (or failed to): departing waits for it. Then the shared one. */
  private arrived: Promise<void> = settled;
  private admitted = true;
  /** frames/typing.tsx: when this socket last passed on a typing signal (0: not typing). */
  typedAt = 0;
  /** frames/typing.tsx: just after a message, a late signal from the page's throttle is not news. */
  quietUntil = 0;
  /** frames/read-mark.ts: the newest message id this socket has marked read (frames below it change nothing). */
  readUpTo = 0;
  /** frames/catch-up.ts: when this socket last answered a page's request to fill a hole. */
  caughtUpAt = 0;
  /** Only what sending needs of the person: the whole record (bio, dates) would stay with every socket. */
  readonly user: MessageAuthor;
  readonly session: string;
  readonly room: Room;
  private readonly after: number | null;
  private readonly changes: number | undefined;

  constructor(
    readonly chat: Chat,
    { user, session, room, after, changes }: Member,
  ) {
    const { id, username, displayName, avatar, kind } = user;
    this.user = { id, username, displayName, avatar, kind };
    this.session = session;
    this.room = sharedRoom(room);
    this.after = after;
    this.changes = changes;
  }

  get userId(): number {
    return this.user.id;
  }

  onOpen(_event: Event, ws: WSContext): void {
    this.ws = ws;
    if (!this.chat.sessionSockets.admit(this)) {
      this.admitted = false;
      ws.close(closeCodes.rateLimited, "too many open rooms in this session");
      return;
    }
    this.joined = this.join();
    this.arrived = this.arrive().catch((error) => this.log(error));
  }

  onMessage(event: MessageEvent): void {
    if (!this.admitted) return;
    const refused = takeFrame(this, event.data, roomFrames);
    if (refused === undefined) return;
    this.chat.metrics?.refused(refused === frameTooLarge ? "too_large" : "invalid");
    refuse(this, refused).catch((error) => this.log(error));
  }

  onClose(): void {
    if (!this.admitted) return;
    this.chat.sessionSockets.release(this);
    this.joined.catch(noop).then(() => this.leave());
    this.arrived.then(() => this.depart()).catch((error) => this.log(error));
  }

  /** A member of the room, subscribed to its fragments and to everyone else's typing. */
  private async join(): Promise<void> {
    const { chat, room, user, ws } = this;
    await chat.store.rooms.join(room.id, user.id);
    await chat.channels.join(ws, roomTopic(room));
    chat.others.join(this, typingTopic(room));
    // Past an await, so after onOpen kept the promise this replaces: an idle socket holds none of its own.
    this.joined = settled;
  }

  /** Once joined: the replay, then presence (so this socket hears the list its arrival changes), then counts. */
  private async arrive(): Promise<void> {
    const { chat, room, user, ws, after, changes } = this;
    await this.joined;
    if (after !== null) await sendMissed(this, after, changes);
    const here = await chat.presence.enter(room.id, user).catch((error) => this.log(error));
    if (here) ws.send(here);
    if (this.admitted) await watchRooms(chat.store, chat.activity, ws, user, chat.paths, { except: room.id });
    this.arrived = settled;
  }

  private leave(): void {
    this.chat.channels.leave(this.ws, roomTopic(this.room));
    this.chat.others.leave(this, typingTopic(this.room));
  }

  private depart(): Promise<void> {
    this.chat.activity.unwatch(this.ws);
    return this.chat.presence.leave(this.room.id, this.user.id);
  }

  log(error: unknown): void {
    const where = { socket: socketId(this.ws), room: this.room.id, user: this.user.id };
    if (this.chat.log) this.chat.log.error({ ...where, err: error }, "room socket failed");
    else console.error(`socket of room ${this.room.slug}:`, error);
  }
}
