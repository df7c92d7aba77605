import type { Server, ServerWebSocket, WebSocketHandler } from "bun";
import { createWSMessageEvent, defineWebSocketHelper, WSContext, type WSEvents, type WSReadyState } from "hono/ws";

interface SocketData {
  events: WSEvents<ServerWebSocket<SocketData>>;
  /** Made at the first event and kept: the same context for every event of this socket. */
  context?: WSContext<ServerWebSocket<SocketData>>;
}
type Socket = ServerWebSocket<SocketData>;

/**
 * Hono's WebSocket helper for Bun, as `hono/bun` has it but with one context per socket. Hono's
 * adapter makes a new context for every event, parsing the socket's URL again each time (a
 * URL per frame received), and keeps a parsed URL in every socket's data; neither is read here.
 * Its readyState is live, where hono's copies the value at each event.
 */
const contextOf = (ws: Socket): WSContext<Socket> => {
  ws.data.context ??= new WSContext<Socket>({
    raw: ws,
    send: (data, options) => void ws.send(data, options.compress),
    close: (code, reason) => ws.close(code, reason),
    get readyState() {
      return ws.readyState as WSReadyState;
    },
  });
  return ws.data.context;
};

/** Runs a handler; what it throws (or rejects with) goes to the socket's onError, as hono does. */
const run = (ws: Socket, handler: () => unknown) => {
  const onError = (error: unknown) => {
    const { onError: handle } = ws.data.events;
    if (!handle) throw error;
    handle(Object.assign(new Event("error"), { error }), contextOf(ws));
  };
  try {
    const result = handler();
    if (result instanceof Promise) result.catch(onError);
  } catch (error) {
    onError(error);
  }
};

/** Bun passes the server as fetch's second argument: the app's `env`. */
export const upgradeWebSocket = defineWebSocketHelper<Socket>((c, events) => {
  const env = c.env as Server<SocketData> | { server: Server<SocketData> };
  const server = "server" in env ? env.server : env;
  if (server.upgrade(c.req.raw, { data: { events } })) return new Response(null);
});

export const websocket: WebSocketHandler<SocketData> = {
  open: (ws) => run(ws, () => ws.data.events.onOpen?.(new Event("open"), contextOf(ws))),
  message: (ws, message) =>
    run(ws, () =>
      ws.data.events.onMessage?.(
        createWSMessageEvent(typeof message === "string" ? message : message.buffer),
        contextOf(ws),
      ),
    ),
  close: (ws, code, reason) =>
    run(ws, () => ws.data.events.onClose?.(new CloseEvent("close", { code, reason }), contextOf(ws))),
};
