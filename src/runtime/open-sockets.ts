import type { UpgradeWebSocket, WSContext, WSEvents } from "hono/ws";

/**
 * Every open WebSocket of this process, so a shutdown can say goodbye to each: it wraps a
 * runtime's `upgradeWebSocket` and notes sockets as they open and close. Keyed by the raw
 * socket, since an adapter may hand out a new context per event.
 */
export function openSockets() {
  const open = new Map<unknown, WSContext>();
  const allClosed: (() => void)[] = [];
  // biome-ignore lint/suspicious/noExplicitAny: each runtime's adapter has its own option type
  const track = (upgrade: UpgradeWebSocket<any, any>): UpgradeWebSocket<any, any> =>
    ((createEvents: (c: unknown) => WSEvents | Promise<WSEvents>, options?: unknown) =>
      // Wrapped outside the async function, whose closures would keep the request's context alive.
      upgrade(async (c) => tracked(await createEvents(c)), options)) as UpgradeWebSocket;
  const tracked = (events: WSEvents): WSEvents => ({
    ...events,
    onOpen(event: Event, ws: WSContext) {
      open.set(ws.raw ?? ws, ws);
      events.onOpen?.(event, ws);
    },
    onClose(event: CloseEvent, ws: WSContext) {
      open.delete(ws.raw ?? ws);
      if (open.size === 0) for (const wake of allClosed.splice(0)) wake();
      events.onClose?.(event, ws);
    },
  });

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

export type OpenSockets = ReturnType<typeof openSockets>;
