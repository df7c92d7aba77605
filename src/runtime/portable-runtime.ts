import { availableParallelism } from "node:os";
import { boundedPasswords } from "../accounts/bounded-passwords.ts";
import { portablePasswords } from "../accounts/passwords.ts";
import type { KitRuntime } from "../kit/create-parley.ts";
import { serveStatic } from "./disk-static.ts";
import { createSocketSetFanout, type FrameWriter } from "./socket-set-fanout.ts";

/**
 * What Node and Deno bring to the kit alike: a socket set per topic for fan-out, scrypt
 * passwords (one hash per core at a time), static files read from the package. Each adds its
 * SQLite driver, its sockets and how it tells a request's peer address, and may write fan-out's
 * frames its own way.
 */
export const portableRuntime = <Frame>(
  own: Pick<KitRuntime, "openSqlite" | "upgradeWebSocket" | "remoteAddress"> & { frames?: FrameWriter<Frame> },
): KitRuntime => {
  const { frames, ...runtime } = own;
  return {
    ...runtime,
    fanout: createSocketSetFanout(frames),
    passwords: boundedPasswords(portablePasswords, availableParallelism()),
    serveStatic,
  };
};
