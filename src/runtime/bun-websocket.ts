import type { Server, ServerWebSocket, WebSocketHandler } from "bun";
import {
  defineWebSocketHelper,
  type WSContext,
  type WSEvents,
  type WSMessageReceive,
  type WSReadyState,
} from "hono/ws";

type Socket = ServerWebSocket<BunSocketContext>;

/**
 * Hono's WebSocket helper for Bun, as `hono/bun` has it but lighter per socket. Hono's adapter
 * makes a new context for every event (parsing the socket's URL again each time: a URL per
 * frame received), and keeps a parsed URL, an options object and two closures per socket.
 * Here the socket's data is its one context: the events it was upgraded with, and the socket
 * once open, with its methods on the prototype. Its readyState is live.
 */
class BunSocketContext implements WSContext<Socket> {
  raw?: Socket;
  constructor(readonly events: WSEvents<Socket>) {}
  send(data: string | ArrayBuffer | Uint8Array<ArrayBuffer>, options?: { compress?: boolean }): void {
    this.raw?.send(data, options?.compress);
  }
  close(code?: number, reason?: string): void {
    this.raw?.close(code, reason);
  }
  get readyState(): WSReadyState {
    return (this.raw?.readyState ?? 0) as WSReadyState;
  }
  get binaryType(): BinaryType {
    return "arraybuffer";
  }
  get url(): URL | null {
    return null;
  }
  get protocol(): string | null {
    return null;
  }
}

const contextOf = (ws: Socket): WSContext<Socket> => ws.data;

/** Runs a handler; what it throws (or rejects with) goes to the socket's onError, as hono does. */
const run = (ws: Socket, handler: () => unknown) => {
  const onError = (error: unknown) => {
    const { events } = ws.data;
    if (!events.onError) throw error;
    events.onError(Object.assign(new Event("error"), { error }), contextOf(ws));
  };
  try {
    const result = handler();
    if (result instanceof Promise) result.catch(onError);
  } catch (error) {
    onError(error);
  }
};

/**
 * Hono's upgrade helper for Bun, noting the server it upgrades on: Bun passes the server as
 * fetch's second argument (the app's `env`), and the fan-out publishes through it.
 */
export function bunUpgrades() {
  let seen: Server<BunSocketContext> | undefined;
  const upgradeWebSocket = defineWebSocketHelper<Socket>((c, events) => {
    const env = c.env as Server<BunSocketContext> | { server: Server<BunSocketContext> };
    const server = "server" in env ? env.server : env;
    seen = server;
    if (server.upgrade(c.req.raw, { data: new BunSocketContext(events) })) return new Response(null);
  });
  return { upgradeWebSocket, server: () => seen };
}

/**
 * A received frame as Parley's handlers read it: its data alone. A DOM MessageEvent for every
 * frame (hono's createWSMessageEvent) cost about 2% of the server's time under load.
 */
const frameEvent = (data: WSMessageReceive) => ({ type: "message", data }) as MessageEvent<WSMessageReceive>;

export const websocket: WebSocketHandler<BunSocketContext> = {
  open: (ws) =>
    run(ws, () => {
      ws.data.raw = ws;
      return ws.data.events.onOpen?.(new Event("open"), contextOf(ws));
    }),
  message: (ws, message) =>
    run(ws, () =>
      ws.data.events.onMessage?.(
        frameEvent(typeof message === "string" ? message : (message.buffer as ArrayBuffer)),
        contextOf(ws),
      ),
    ),
  close: (ws, code, reason) =>
    run(ws, () => ws.data.events.onClose?.(new CloseEvent("close", { code, reason }), contextOf(ws))),
};
