import { getConnInfo, upgradeWebSocket } from "hono/deno";
import { createParleyOn, type Parley } from "../kit/create-parley.ts";
import type { ParleyOptions } from "../kit/options.ts";
import { openSqlite } from "../store/drivers/deno.ts";
import { portableRuntime } from "./portable-runtime.ts";

export * from "../kit/public.ts";

/**
 * Parley for a Deno host: `app.route(basePath, parley.app)`, then `Deno.serve(app.fetch)`;
 * sockets upgrade inside fetch. SQLite through node:sqlite.
 */
export async function createParley(options: ParleyOptions = {}): Promise<Parley> {
  const { app, post, close } = await parleyOnDeno(options);
  return { app, post, close };
}

/** The kit on Deno with what the standalone server needs besides (its sockets, to close before it stops listening). */
export function parleyOnDeno(options: ParleyOptions) {
  return createParleyOn(
    portableRuntime({
      openSqlite,
      upgradeWebSocket,
      // Deno.serve hands its connection info to fetch as the second argument.
      remoteAddress: (c) => getConnInfo(c).remote.address,
    }),
    options,
  );
}
