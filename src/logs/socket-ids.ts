import type { WSContext } from "hono/ws";

const ids = new WeakMap<object, string>();
let next = 0;

/**
 * A short id for an open socket, the same on every line about it (its open, its errors, its
 * close), so one person's socket can be followed through the log. Keyed by the raw socket, since
 * an adapter may hand out a new context per event; counted, not random: cheap, and unique per process.
 */
export function socketId(ws: WSContext): string {
  const key = (ws.raw ?? ws) as object;
  let id = ids.get(key);
  if (id === undefined) {
    id = `s${(++next).toString(36)}`;
    ids.set(key, id);
  }
  return id;
}
