import { defineWebSocketHelper, type WSContext, WSContext as WSContextClass, type WSEvents } from "hono/ws";

/** One server-side socket driven by the test: what the app sent it, and how it closed. */
export interface InProcessSocket {
  frames: string[];
  closed: { code?: number; reason?: string } | null;
  /** A client frame, as htmx's hx-ws:send would send it (objects become JSON). */
  send(frame: unknown): void;
  /** The client goes away. */
  close(): void;
  /** Resolves with the first frame (from index `from`) that satisfies the test. */
  frame(test: (frame: string) => boolean, from?: number): Promise<string>;
  /** Resolves once the server closes the socket. */
  whenClosed(): Promise<{ code?: number; reason?: string }>;
}

/**
 * A stand-in for a runtime's `upgradeWebSocket`, as Hono tests its own adapters: a request to
 * a socket route runs the app's real handler (admission, join, catch-up, posting) over
 * in-process sockets, with no server or network in between.
 */
export function inProcessSockets() {
  type Upgraded = { events: WSEvents; socket: InProcessSocket; ws: WSContext };
  // By the request's own mark: sockets opened at once each get their own upgrade.
  const upgrades = new Map<string, Upgraded>();
  let opened = 0;

  const upgradeWebSocket = defineWebSocketHelper(async (c, events) => {
    const { socket, ws } = createSocket(events);
    upgrades.set(c.req.header("x-test-socket") ?? "", { events, socket, ws });
    return new Response(null, { status: 200 });
  });

  /** Opens a socket at `path` (e.g. `/rooms/general/ws?after=0`) through the app, as a browser's upgrade would. */
  async function open(
    app: { request: (url: string, init?: RequestInit) => Response | Promise<Response> },
    path: string,
    headers: Record<string, string>,
  ): Promise<InProcessSocket> {
    const mark = String(++opened);
    const response = await app.request(`http://localhost${path}`, {
      headers: { upgrade: "websocket", ...headers, "x-test-socket": mark },
    });
    const upgraded = upgrades.get(mark);
    upgrades.delete(mark);
    if (!upgraded) throw new Error(`no socket at ${path}: ${response.status} ${await response.text()}`);
    upgraded.events.onOpen?.(new Event("open"), upgraded.ws);
    return upgraded.socket;
  }

  return { upgradeWebSocket, open };
}

function createSocket(events: WSEvents) {
  const waiters: (() => void)[] = [];
  const wake = () => {
    for (const resolve of waiters.splice(0)) resolve();
  };
  const until = async <T>(probe: () => T | undefined): Promise<T> => {
    for (;;) {
      const found = probe();
      if (found !== undefined) return found;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  let readyState: 0 | 1 | 2 | 3 = 1;
  const ended = () => {
    readyState = 3;
    events.onClose?.(new Event("close") as CloseEvent, ws);
    wake();
  };
  const socket: InProcessSocket = {
    frames: [],
    closed: null,
    send: (frame) => {
      const data = typeof frame === "string" ? frame : JSON.stringify(frame);
      events.onMessage?.(new MessageEvent("message", { data }), ws);
    },
    close: () => {
      if (readyState !== 3) ended();
    },
    frame: (test, from = 0) => until(() => socket.frames.slice(from).find(test)),
    whenClosed: () => until(() => socket.closed ?? undefined),
  };
  const ws: WSContext = new WSContextClass({
    raw: socket,
    get readyState() {
      return readyState;
    },
    send: (data) => {
      if (readyState !== 1) return;
      socket.frames.push(String(data));
      wake();
    },
    close: (code, reason) => {
      socket.closed = { code, reason };
      if (readyState !== 3) ended();
    },
  });
  return { socket, ws };
}
