import type { WSContext } from "hono/ws";
import type { Bus } from "../bus/bus.ts";
import type { ReadState } from "../store/records.ts";
import { nextTurn } from "./next-turn.ts";
import { activityTopic, readsTopic } from "./topics.ts";

/** A new message as counters see it: its order, who wrote it, whom it mentions (user ids). */
export interface Activity {
  roomId: number;
  id: number;
  author: number;
  mentions: number[];
  /** What room lists show as the latest activity (a shortened text, never the whole message). */
  latest: Latest;
}

export interface Latest {
  /** The author's name as messages show it (display name, else username). */
  name: string;
  preview: string;
  at: string;
}

/**
 * One room's new messages of one turn, announced together: one bus message, one parse and one
 * pass over the room's watchers for a burst, however many it holds. Each message still counts
 * on its own (its author, its id against the reader's mark, its mentions); `latest` is the
 * newest's.
 */
interface News {
  roomId: number;
  messages: { id: number; author: number; mentions?: number[] }[];
  latest: Latest;
}

/**
 * People an edit newly mentions: their mention counts grow (if they have not read past the
 * message), nothing else does: the message is not new.
 */
interface Mentioned {
  roomId: number;
  id: number;
  author: number;
  mentioned: number[];
}

/** A room's entry in other pages' lists, changed: the fragment that shows it anew. */
interface Listing {
  roomId: number;
  html: string;
}

/** A room's counts as a page is to show them, and its latest message when there is news of one. */
export interface Badge {
  roomId: number;
  state: ReadState;
  latest?: Latest;
}

/**
 * A room's counts as a page holds them, and `through`: the room's newest message when the page
 * read them. News of a message up to it is not counted again: a page that opened after the
 * message was stored, but before its announcement came (a turn later, or later still through
 * another instance), read it in its counts already.
 */
export type CountedState = ReadState & { through: number };

/** One page that shows unread counts: its socket, its reader, and what it knows of each room. */
interface Watcher {
  ws: WSContext;
  user: number;
  rooms: Map<number, CountedState>;
  /** One fragment that shows these rooms' counts (and latest messages) on that page. */
  render: (badges: Badge[]) => Promise<string>;
}

/**
 * A page hears of its rooms at most this often: the first news goes at once, what follows within
 * the interval waits and goes together in one frame, one badge per room at its latest. Someone in
 * many busy rooms (or a load test) then costs each socket a few frames a second, not one per
 * message or per room.
 */
export const countsEveryMs = 250;

/** What a page has not been sent yet: the newest news of each room, and when it last got any. */
interface Pending {
  rooms: Map<number, Latest | undefined>;
  waiting: boolean;
  sentAt: number;
}

type Unsubscribe = () => Promise<void>;

/**
 * Unread and mention counts, live on every page of a person, across instances. New messages are
 * announced on their room's activity topic, a turn's together (a few ids, not their text); each instance keeps, per
 * watching socket, the counts that socket started with, adds what arrives, and sends that page
 * its room's badge, rendered for it. A read mark moved on one page is announced on the reader's
 * reads topic, so their other pages clear that room too. Counting happens in memory: no query per
 * message and reader. Sockets are sent to one by one (each reader's counts differ).
 */
export function createRoomActivity(
  bus: Bus,
  unreadCap: number,
  {
    log = console.error,
    now = Date.now,
    later = (run: () => void, ms: number): unknown => setTimeout(run, ms),
    // Counting renders a badge for every page that counts the room: the realistic day's
    // busy-hour median fell from 2.98 to 2.07 ms once it left the message's turn.
    defer = nextTurn as (run: () => void) => unknown,
  }: {
    log?: (line: string) => void;
    now?: () => number;
    later?: (run: () => void, ms: number) => unknown;
    /** When a turn's announcements go (tests may hold them). */
    defer?: (run: () => void) => unknown;
  } = {},
) {
  const watchers = new Map<string, { sockets: Map<unknown, Watcher>; unsubscribe: Promise<Unsubscribe | null> }>();
  const all = new Map<unknown, Watcher>();
  /** What a watcher listens to: its rooms' activity, and its reader's read marks. */
  const topicsOf = (watcher: Omit<Watcher, "ws">) => [
    ...[...watcher.rooms.keys()].map((id) => activityTopic({ id })),
    readsTopic({ id: watcher.user }),
  ];

  const pending = new Map<Watcher, Pending>();

  const flush = (watcher: Watcher, page: Pending) => {
    page.waiting = false;
    // Unwatched meanwhile (or watching again afresh): this batch has no page to go to.
    if (pending.get(watcher) !== page) return;
    page.sentAt = now();
    const badges: Badge[] = [];
    for (const [roomId, latest] of page.rooms) {
      const state = watcher.rooms.get(roomId);
      if (state) badges.push(latest ? { roomId, state, latest } : { roomId, state });
    }
    page.rooms.clear();
    if (badges.length === 0) return;
    watcher
      .render(badges)
      .then((fragment) => watcher.ws.send(fragment))
      .catch((error: unknown) => log(`activity: could not update a page: ${error}`));
  };

  /** Sends a room's badge now, or with the page's next batch if it just had one. */
  const send = (watcher: Watcher, roomId: number, latest?: Latest) => {
    let page = pending.get(watcher);
    if (!page) {
      page = { rooms: new Map(), waiting: false, sentAt: Number.NEGATIVE_INFINITY };
      pending.set(watcher, page);
    }
    // A read mark's update (no latest) keeps the latest message news already waiting.
    page.rooms.set(roomId, latest ?? page.rooms.get(roomId));
    if (page.waiting) return;
    const wait = page.sentAt + countsEveryMs - now();
    if (wait <= 0) return flush(watcher, page);
    page.waiting = true;
    const waiting = page;
    later(() => flush(watcher, waiting), wait);
  };

  const onActivity = (payload: string) => {
    const activity = JSON.parse(payload) as News | Activity | Listing | Mentioned;
    if ("html" in activity) return showListing(activity);
    if ("mentioned" in activity) return countMentions(activity);
    // One message alone: how an instance announced before news went by the turn.
    if ("id" in activity) {
      const { roomId, id, author, mentions, latest } = activity;
      return countNews({ roomId, messages: [{ id, author, mentions }], latest });
    }
    countNews(activity);
  };
  const countNews = ({ roomId, messages, latest }: News) => {
    for (const watcher of watchers.get(activityTopic({ id: roomId }))?.sockets.values() ?? []) {
      const state = watcher.rooms.get(roomId);
      if (!state) continue;
      for (const { id, author, mentions } of messages) {
        // Not moved on by news: instances announce in the order they commit, not of ids.
        if (id <= state.through) continue;
        if (author === watcher.user || id <= state.lastReadId) continue;
        state.unread = Math.min(unreadCap, state.unread + 1);
        if (mentions?.includes(watcher.user)) state.mentions++;
      }
      send(watcher, roomId, latest);
    }
  };
  const countMentions = ({ roomId, id, author, mentioned }: Mentioned) => {
    for (const watcher of watchers.get(activityTopic({ id: roomId }))?.sockets.values() ?? []) {
      const state = watcher.rooms.get(roomId);
      if (!state || watcher.user === author || id <= state.lastReadId || !mentioned.includes(watcher.user)) continue;
      state.mentions++;
      send(watcher, roomId);
    }
  };
  /** The same fragment to every page that lists the room: nothing in it is the reader's own. */
  const showListing = ({ roomId, html }: Listing) => {
    for (const watcher of watchers.get(activityTopic({ id: roomId }))?.sockets.values() ?? []) watcher.ws.send(html);
  };
  const onRead = (topic: string) => (payload: string) => {
    const { roomId, state } = JSON.parse(payload) as { roomId: number; state: ReadState };
    for (const watcher of watchers.get(topic)?.sockets.values() ?? []) {
      const known = watcher.rooms.get(roomId);
      if (!known) continue;
      watcher.rooms.set(roomId, { ...state, through: known.through });
      send(watcher, roomId);
    }
  };

  const listen = (topic: string, raw: unknown, watcher: Watcher) => {
    let entry = watchers.get(topic);
    if (!entry) {
      const handler = topic.startsWith("reads:") ? onRead(topic) : onActivity;
      const safe = (payload: string) => {
        try {
          handler(payload);
        } catch (error) {
          log(`activity: ignored a malformed announcement on ${topic}: ${error}`);
        }
      };
      const unsubscribe = bus.subscribe(topic, safe).catch((error: unknown): null => {
        log(`bus: cannot listen to ${topic}: ${error}`);
        return null;
      });
      entry = { sockets: new Map(), unsubscribe };
      watchers.set(topic, entry);
    }
    entry.sockets.set(raw, watcher);
  };

  /** This turn's news, by room, until the next turn. */
  let news = new Map<number, News & { newest: number }>();
  const announceTurn = () => {
    const turn = news;
    news = new Map();
    for (const { newest: _, ...room } of turn.values()) {
      // A lone message goes in the form every instance reads, an older one mid-upgrade included.
      const [only] = room.messages;
      const payload =
        room.messages.length === 1 && only
          ? {
              roomId: room.roomId,
              id: only.id,
              author: only.author,
              mentions: only.mentions ?? [],
              latest: room.latest,
            }
          : room;
      bus.publish(activityTopic({ id: room.roomId }), JSON.stringify(payload));
    }
  };

  return {
    /**
     * A new message: every page counting its room hears of it. A room's messages of one turn go
     * together in the next (a committed batch's senders all get here in the same round of
     * microtasks), so a burst costs one announcement, not one each.
     */
    announce({ roomId, id, author, mentions, latest }: Activity): void {
      if (news.size === 0) defer(announceTurn);
      const message = mentions.length ? { id, author, mentions } : { id, author };
      const room = news.get(roomId);
      if (!room) {
        news.set(roomId, { roomId, messages: [message], latest, newest: id });
        return;
      }
      room.messages.push(message);
      if (id > room.newest) {
        room.newest = id;
        room.latest = latest;
      }
    },

    /** An edit mentions people its text did not before: their pages count one mention more. */
    mentioned(roomId: number, id: number, author: number, mentioned: number[]): void {
      if (mentioned.length === 0) return;
      bus.publish(activityTopic({ id: roomId }), JSON.stringify({ roomId, id, author, mentioned } satisfies Mentioned));
    },

    /**
     * The room as lists show it changed (a rename): every page that counts it swaps in `html`,
     * rendered once by the caller.
     */
    relist(roomId: number, html: string): void {
      bus.publish(activityTopic({ id: roomId }), JSON.stringify({ roomId, html } satisfies Listing));
    },

    /** The reader's mark in a room moved: their other pages show the room's new counts. */
    read(user: number, roomId: number, state: ReadState): void {
      bus.publish(readsTopic({ id: user }), JSON.stringify({ roomId, state }));
    },

    /** From now on, `ws` gets its reader's counts for `rooms` (starting from the states given). */
    watch(ws: WSContext, watcher: Omit<Watcher, "ws">): void {
      const raw = ws.raw ?? ws;
      const full = { ...watcher, ws };
      for (const topic of topicsOf(watcher)) listen(topic, raw, full);
      all.set(raw, full);
    },

    unwatch(ws: WSContext): void {
      const raw = ws.raw ?? ws;
      const watcher = all.get(raw);
      if (!watcher) return;
      all.delete(raw);
      pending.delete(watcher);
      for (const topic of topicsOf(watcher)) {
        const listening = watchers.get(topic);
        if (!listening) continue;
        listening.sockets.delete(raw);
        if (listening.sockets.size > 0) continue;
        watchers.delete(topic);
        listening.unsubscribe.then((unsubscribe) => unsubscribe?.()).catch(() => {});
      }
    },
  };
}

export type ActivityChannel = ReturnType<typeof createRoomActivity>;
