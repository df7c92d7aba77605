import { getConnInfo } from "hono/bun";
import { socketLimits } from "../delivery/socket-limits.ts";
import { createParleyOn, type Parley } from "../kit/create-parley.ts";
import type { ParleyOptions } from "../kit/options.ts";
import { openSqlite } from "../store/drivers/bun.ts";
import { createBunFanout } from "./bun-fanout.ts";
import { bunPasswords } from "./bun-passwords.ts";
import { serveStatic } from "./bun-static.ts";
import { bunUpgrades, websocket } from "./bun-websocket.ts";

export * from "../kit/public.ts";

/** The socket handlers to give `Bun.serve({ websocket })`, with Parley's limits. */
const parleyWebsocket = {
  ...websocket,
  maxPayloadLength: 1024 * 1024,
  idleTimeout: 120,
  // Past the bound Bun would drop fragments and keep the socket open: a silent hole. Closed,
  // the page reconnects and catches up from the newest message it shows.
  backpressureLimit: socketLimits.bufferedBytes,
  closeOnBackpressureLimit: true,
};

/**
 * Parley for a Bun host: `app.route(basePath, parley.app)`, then
 * `Bun.serve({ fetch: app.fetch, websocket: parley.websocket })`. SQLite through bun:sqlite;
 * fragments reach sockets through Bun's native pub/sub.
 */
export async function createParley(options: ParleyOptions = {}) {
  const { app, websocket, post, close } = await parleyOnBun(options);
  return { app, websocket, post, close } satisfies Parley & { websocket: unknown };
}

/** The kit on Bun with what the standalone server needs besides (its sockets, to close before it stops listening). */
export async function parleyOnBun(options: ParleyOptions) {
  const upgrades = bunUpgrades();
  const parley = await createParleyOn(
    {
      openSqlite,
      fanout: createBunFanout(upgrades.server),
      passwords: bunPasswords,
      upgradeWebSocket: upgrades.upgradeWebSocket,
      serveStatic,
      // Bun hands the server to fetch as its second argument; hono reads the peer address from it.
      remoteAddress: (c) => getConnInfo(c).remote.address,
    },
    options,
  );
  return { ...parley, websocket: parleyWebsocket };
}
