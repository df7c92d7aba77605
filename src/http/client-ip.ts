import type { Context } from "hono";
import type { Deps } from "../app-env.ts";

/**
 * The address a request comes from, for per-IP throttles. The socket's peer address is the
 * truth unless `TRUST_PROXY` says how many proxies stand in front: then each of them appended
 * the address it saw to `X-Forwarded-For`, and the client is that many entries from the right.
 * Entries further left were written by the client itself, so they are never believed; with no
 * proxy configured the header is ignored entirely (anyone can send it).
 */
export function clientIp(c: Context, deps: Pick<Deps, "config" | "remoteAddress">): string {
  const hops = deps.config.TRUST_PROXY;
  if (hops > 0) {
    const forwarded = (c.req.header("x-forwarded-for") ?? "")
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean);
    const client = forwarded[forwarded.length - hops];
    if (client) return client;
  }
  const address = deps.remoteAddress(c);
  // Every runtime entry supplies the peer address; a missing one must not merge all callers into one bucket silently.
  if (!address) throw new Error("the runtime gave no client address for this request");
  return address;
}

/**
 * The key a per-IP throttle counts by: the IPv4 address, or the /64 network of an IPv6 one
 * (one subscriber usually holds a whole /64, so counting single v6 addresses counts nothing).
 */
export function networkOf(ip: string): string {
  const address = ip.replace(/%.*$/, "");
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (v4?.[1]) return v4[1];
  if (!address.includes(":")) return address;
  const [head = "", tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const zeros = address.includes("::") ? Array(Math.max(0, 8 - left.length - right.length)).fill("0") : [];
  const groups = [...left, ...zeros, ...right].slice(0, 4).map((group) => Number.parseInt(group, 16).toString(16));
  return `${groups.join(":")}::/64`;
}
