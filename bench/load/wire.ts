import type { Wire } from "../job.ts";

/** Bytes of every frame this load generator received, all sockets together: bytes per delivery. */
export const received = { bytes: 0 };

/** One client socket, whatever the server speaks: send a chat text, get each delivered text back. */
export interface Connection {
  /** `key`: Parley's idempotency key, whose answer reaches `onAnswer`. */
  send(text: string, key?: string): void;
  close(): void;
  /** Resolves if the server closes the socket (a refused or dropped client). */
  closed: Promise<number>;
}

export interface ConnectOptions {
  wire: Wire;
  url: string;
  /** The room: a slug for Parley, any name for the baselines. */
  room: string;
  /** Parley's session cookie; every Parley socket is authenticated. */
  cookie?: string;
  onText(text: string): void;
  /** Parley: a keyed send was acknowledged (stored) or refused (told to try again). */
  onAnswer?(key: string, acknowledged: boolean): void;
  /** Parley: a send without a key was refused (load shedding: Parley was busy), so it was not stored. */
  onRefused?(): void;
}

// The message element's text, as the one message partial renders it.
const bodyStart = '<p class="body">';
const bodyEnd = "</p>";
/**
 * Where the rarest character of `bodyStart` in Parley's frames sits in it. A search for one
 * character runs at the speed of the ceilings' newline search; a search for the whole marker
 * took 40% of this client's time on Parley's frames (where the ceiling's took 8%), so the client
 * was measured more than the server. Every candidate is checked whole.
 */
const anchor = bodyStart.indexOf("y");

/** Every message text in a Parley frame (a frame may carry several fragments). indexOf: a regex costs the client more. */
export function parleyTexts(frame: string, onText: (text: string) => void) {
  for (let y = frame.indexOf("y", anchor); y !== -1; y = frame.indexOf("y", y + 1)) {
    const at = y - anchor;
    if (!frame.startsWith(bodyStart, at)) continue;
    const start = at + bodyStart.length;
    const end = frame.indexOf(bodyEnd, start);
    onText(frame.slice(start, end));
    y = end;
  }
}

// A keyed send's answer replaces or deletes its pending item (views/messages/pending.tsx).
const pendingStart = 'hx-target="#pending-';
// A send without a key is refused into the composer's error line, in a frame of its own (sent
// to the sender alone, never coalesced with deliveries): its start tells it, so a delivery frame
// (up to 64 KB) is not scanned through for it. The ceilings' frames are read with one pass too.
const composerErrorFrame = '<hx-partial hx-target="#composer-room-';
export const isRefusalFrame = (frame: string) => frame.startsWith(composerErrorFrame);

/** Every answer in a Parley frame: its pending item deleted (acknowledged) or replaced (refused). */
function parleyAnswers(frame: string, onAnswer: (key: string, acknowledged: boolean) => void) {
  for (let at = frame.indexOf(pendingStart); at !== -1; at = frame.indexOf(pendingStart, at)) {
    at += pendingStart.length;
    const end = frame.indexOf('"', at);
    onAnswer(frame.slice(at, end), frame.startsWith(' hx-swap="delete"', end + 1));
  }
}

/** Every text in a ceiling's frame: one, or (BATCH=1) several, one per line. */
function bareTexts(frame: string, onText: (text: string) => void) {
  let at = 0;
  for (let end = frame.indexOf("\n"); end !== -1; end = frame.indexOf("\n", at)) {
    onText(frame.slice(at, end));
    at = end + 1;
  }
  onText(at ? frame.slice(at) : frame);
}

/** Opens a socket and resolves once it may send (after Socket.IO's namespace handshake). */
export function connect(options: ConnectOptions): Promise<Connection> {
  const ws = wsBase(options.url);
  const room = encodeURIComponent(options.room);
  switch (options.wire) {
    case "bare":
      return open(new WebSocket(`${ws}/?room=${room}`), options, (text) => text, "bare");
    case "socketio":
      return openSocketIo(new WebSocket(`${ws}/socket.io/?EIO=4&transport=websocket&room=${room}`), options);
    case "parley": {
      const socket = new WebSocket(`${ws}/rooms/${room}/ws`, {
        headers: { cookie: options.cookie ?? "", origin: options.url },
      } as unknown as string[]);
      return open(socket, options, (text, key) => JSON.stringify(key ? { body: text, key } : { body: text }), "parley");
    }
  }
}

const wsBase = (url: string) => url.replace(/^http/, "ws");

function open(
  socket: WebSocket,
  options: ConnectOptions,
  frame: (text: string, key?: string) => string,
  wire: "bare" | "parley",
): Promise<Connection> {
  // Frames are text (ASCII HTML or chat text): its length is its size on the wire.
  socket.onmessage =
    wire === "bare"
      ? (event) => {
          received.bytes += (event.data as string).length;
          bareTexts(event.data as string, options.onText);
        }
      : (event) => {
          received.bytes += (event.data as string).length;
          const data = event.data as string;
          // An answer frame is the sender's own copy (or its refusal), never a delivery.
          if (options.onAnswer && data.includes(pendingStart)) parleyAnswers(data, options.onAnswer);
          else if (isRefusalFrame(data)) options.onRefused?.();
          else parleyTexts(data, options.onText);
        };
  return opened(socket, (text, key) => socket.send(frame(text, key)));
}

/** Engine.IO v4 over a plain WebSocket: "40" joins the default namespace, "2"/"3" are ping/pong, "42" an event. */
function openSocketIo(socket: WebSocket, options: ConnectOptions): Promise<Connection> {
  let ready: () => void = () => {};
  const joined = new Promise<void>((resolve) => {
    ready = resolve;
  });
  socket.onmessage = (event) => {
    const data = event.data as string;
    received.bytes += data.length;
    if (data.startsWith("42")) options.onText((JSON.parse(data.slice(2)) as [string, string])[1]);
    else if (data === "2") socket.send("3");
    else if (data.startsWith("0")) socket.send("40");
    else if (data.startsWith("40")) ready();
  };
  return opened(socket, (text) => socket.send(`42${JSON.stringify(["message", text])}`)).then(async (connection) => {
    await joined;
    return connection;
  });
}

function opened(socket: WebSocket, send: (text: string, key?: string) => void): Promise<Connection> {
  const closed = new Promise<number>((resolve) => socket.addEventListener("close", (event) => resolve(event.code)));
  return new Promise((resolve, reject) => {
    socket.addEventListener("open", () => resolve({ send, close: () => socket.close(), closed }));
    socket.addEventListener("error", () => reject(new Error(`socket to ${socket.url} failed`)));
  });
}
