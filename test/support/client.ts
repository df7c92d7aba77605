import WebSocket from "ws";
import { caller, createRoom, defaultPassword, signUp } from "../../scripts/parley-http.ts";
import type { SeenMessage } from "./html.ts";

/** `${word} 1` … `${word} n`: filler for postMany. */
export const numbered = (word: string, n: number) => Array.from({ length: n }, (_, i) => `${word} ${i + 1}`);

/** A signed-in HTTP client of a running server: keeps its session cookie, sends its Origin. */
export async function signUpOver(url: string, username: string, password = defaultPassword) {
  const cookie = await signUp(url, username, password);
  const call = caller(url, cookie);
  return {
    username,
    cookie,
    call,
    createRoom: (name: string) => createRoom(url, cookie, name),
    /** Every message stored in the room after `after` (all unless told), in id order, paging through the JSON API. */
    async messages(slug: string, after = 0) {
      const all: SeenMessage[] = [];
      for (;;) {
        const cursor = all.at(-1)?.id ?? after;
        const page = (await (await call(`/api/rooms/${slug}/messages?after=${cursor}&limit=100`)).json()).messages;
        all.push(...(page as SeenMessage[]));
        if (page.length < 100) return all;
      }
    },
    /** Posts through the JSON API (no socket needed), as a script would. */
    async post(slug: string, body: string) {
      const response = await call(`/api/rooms/${slug}/messages`, {
        method: "POST",
        body: JSON.stringify({ body }),
        headers: { "content-type": "application/json" },
      });
      if (!response.ok) throw new Error(`post failed: ${response.status}`);
    },
    /** Posts every body, a few at a time, so in no particular order: filler whose order no test reads. */
    async postMany(slug: string, bodies: string[], atOnce = 20) {
      for (let at = 0; at < bodies.length; at += atOnce)
        await Promise.all(bodies.slice(at, at + atOnce).map((body) => this.post(slug, body)));
    },
  };
}

/** Every message body of a room, in id order, paging through the JSON API of the server at `url` (another instance, a restored copy). */
export async function everyMessage(url: string, cookie: string, slug: string) {
  const call = caller(url, cookie);
  const bodies: string[] = [];
  let after = 0;
  for (;;) {
    const response = await call(`/api/rooms/${slug}/messages?after=${after}&limit=100`);
    if (!response.ok) throw new Error(`reading ${slug} failed: ${response.status}`);
    const page = (await response.json()).messages as { id: number; body: string }[];
    bodies.push(...page.map((m) => m.body));
    if (page.length < 100) return bodies;
    after = page.at(-1)?.id ?? after;
  }
}

export type Client = Awaited<ReturnType<typeof signUpOver>>;

/** The room socket `client`'s browser would open on the server at `url`: its cookie, that site's Origin. */
export const socketOf = (client: Client, url: string, slug: string, query = "") =>
  openRoomSocket(url, slug, { cookie: client.cookie, origin: url }, query);

/** A real WebSocket to a room, recording every frame; waits are event-driven, never sleeps. */
export const openRoomSocket = (url: string, slug: string, headers: Record<string, string>, query = "") =>
  openSocket(url, `/rooms/${slug}/ws${query}`, headers);

/** A real WebSocket to any socket route at `path` (e.g. `/embed/general/ws?after=0`), recording every frame. */
export function openSocket(url: string, path: string, headers: Record<string, string>) {
  const ws = new WebSocket(`${url.replace(/^http/, "ws")}${path}`, { headers });
  const frames: string[] = [];
  const waiters: (() => void)[] = [];
  ws.on("message", (data) => {
    frames.push(data.toString());
    for (const wake of waiters.splice(0)) wake();
  });
  const opened = new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  return {
    ws,
    frames,
    opened,
    closed,
    send: (json: unknown) => ws.send(typeof json === "string" ? json : JSON.stringify(json)),
    /** Resolves with the first frame (from index `from`) that satisfies the test. */
    async frame(test: (frame: string) => boolean, from = 0): Promise<string> {
      for (;;) {
        const found = frames.slice(from).find(test);
        if (found !== undefined) return found;
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
    close: () => ws.close(),
  };
}
