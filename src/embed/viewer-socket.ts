import { WSContext, type WSEvents } from "hono/ws";
import { closeCodes } from "../delivery/close-codes.ts";
import { roomTopic } from "../delivery/topics.ts";
import { socketId } from "../logs/socket-ids.ts";
import type { Chat } from "../rooms/chat.ts";
import { type CatchingUp, catchUp, sendMissed } from "../rooms/frames/catch-up.ts";
import { type FrameTable, takeFrame } from "../rooms/frames/frame-kind.ts";
import type { Room } from "../store/records.ts";

/** A read-only page has no composer: all it may ask for is a hole filled (the room socket's own kind); the rest is dropped. */
const readerFrames: FrameTable<ViewerConnection> = { kinds: { after: catchUp } };

const settled = Promise.resolve();
const notOpenYet = new WSContext({ send: () => {}, close: () => {}, readyState: 0 });

/**
 * A read-only embed's socket: the room's fragments (messages, who is here, the topic) and the
 * catch-up after `after` (and after a hole the page sees), nothing else taken from the page. It
 * has no session to count it or end it; it carries nothing private (the embed's history is
 * public to whoever may frame it). The registry holds it by room, so un-sharing the room closes
 * it on every instance. One object per socket, as the room's own.
 */
export class ViewerConnection implements WSEvents, CatchingUp {
  ws: WSContext = notOpenYet;
  /** Settles once subscribed: a catch-up waits for it, and leaving too. */
  joined: Promise<void> = settled;
  caughtUpAt = 0;

  constructor(
    readonly chat: Pick<Chat, "store" | "paths" | "channels" | "sessionSockets" | "log">,
    readonly room: Room,
    private readonly after: number | null,
    private readonly changes?: number,
  ) {}

  onOpen(_event: Event, ws: WSContext): void {
    this.ws = ws;
    this.chat.sessionSockets.addReader(this.room.id, ws);
    this.joined = this.chat.channels.join(ws, roomTopic(this.room));
    this.arrive().catch((error) => this.log(error));
  }

  onMessage(event: MessageEvent): void {
    takeFrame(this, event.data, readerFrames);
  }

  onClose(): void {
    this.chat.sessionSockets.removeReader(this.room.id, this.ws);
    // Leave only once the join has settled, or the room would stay subscribed.
    this.joined.catch(() => {}).then(() => this.chat.channels.leave(this.ws, roomTopic(this.room)));
  }

  private async arrive(): Promise<void> {
    await this.joined;
    // Un-shared between the admission and now: the ending went by before this socket was held.
    if (!(await this.chat.store.embeds.settings(this.room.id))?.allowedOrigins.length) {
      return this.ws.close(closeCodes.noSuchRoom, "not shared");
    }
    if (this.after !== null) await sendMissed(this, this.after, this.changes);
  }

  log(error: unknown): void {
    const where = { socket: socketId(this.ws), room: this.room.id };
    if (this.chat.log) this.chat.log.error({ ...where, err: error }, "embed viewer socket failed");
    else console.error(`embed viewer ${this.room.slug}:`, error);
  }
}
