import type { UpgradeWebSocket, WSContext, WSEvents } from "hono/ws";
import type { Log } from "../logs/logger.ts";
import { socketId } from "../logs/socket-ids.ts";

/**
 * Every open WebSocket of this process, so a shutdown can say goodbye to each: it wraps a
 * runtime's `upgradeWebSocket` and notes sockets as they open and close. Keyed by the raw
 * socket, since an adapter may hand out a new context per event.
 */
export function createOpenSockets(log?: Log) {
  const open = new Map<unknown, WSContext>();
  const allClosed: (() => void)[] = [];
  // biome-ignore lint/suspicious/noExplicitAny: each runtime's adapter has its own option type
  const track = (upgrade: UpgradeWebSocket<any, any>): UpgradeWebSocket<any, any> =>
    ((createEvents: (c: unknown) => WSEvents | Promise<WSEvents>, options?: unknown) =>
      // Wrapped outside the async function, whose closures would keep the request's context alive.
      upgrade(
        async (c) => tracked(await createEvents(c), (c as { var?: { requestId?: string } }).var?.requestId),
        options,
      )) as UpgradeWebSocket;
  /** A socket's events, noted as it opens and closes: one small object per socket, no closures. */
  class Tracked implements WSEvents {
    constructor(
      private readonly events: WSEvents,
      private readonly requestId: string | undefined,
    ) {}
    onOpen(event: Event, ws: WSContext) {
      open.set(ws.raw ?? ws, ws);
      // The upgrade's request id ties this socket's lines to the request that opened it.
      log?.debug({ socket: socketId(ws), requestId: this.requestId }, "socket open");
      return this.events.onOpen?.(event, ws);
    }
    onMessage(event: MessageEvent, ws: WSContext) {
      return this.events.onMessage?.(event, ws);
    }
    onClose(event: CloseEvent, ws: WSContext) {
      open.delete(ws.raw ?? ws);
      log?.debug({ socket: socketId(ws), code: event.code }, "socket closed");
      if (open.size === 0) for (const wake of allClosed.splice(0)) wake();
      return this.events.onClose?.(event, ws);
    }
    onError(event: Event, ws: WSContext) {
      return this.events.onError?.(event, ws);
    }
  }
  const tracked = (events: WSEvents, requestId: string | undefined) => new Tracked(events, requestId);

  return {
    track,
    get size() {
      return open.size;
    },
    /**
     * Closes every open socket with `code` (1001 "going away": htmx reconnects, elsewhere if need
     * be); resolves once each has finished its closing handshake, or after `withinMs`.
     */
    closeAll(code: number, reason: string, withinMs = 2000): Promise<void> {
      if (open.size === 0) return Promise.resolve();
      const closed = new Promise<void>((resolve) => {
        allClosed.push(resolve);
        setTimeout(resolve, withinMs);
      });
      for (const ws of open.values()) ws.close(code, reason);
      return closed;
    },
  };
}

export type OpenSockets = ReturnType<typeof createOpenSockets>;
