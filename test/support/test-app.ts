import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as http from "../../scripts/parley-http.ts";
import { scryptPasswordsAt } from "../../src/accounts/passwords.ts";
import { createApp } from "../../src/app.tsx";
import type { Deps } from "../../src/app-env.ts";
import { createMemoryBus } from "../../src/bus/memory.ts";
import { loadConfig } from "../../src/config.ts";
import { diskFolder } from "../../src/files/disk-folder.ts";
import { createMemoryLimiter } from "../../src/limits/memory-limiter.ts";
import { createMemoryPresence } from "../../src/live/presence-store.ts";
import { serveStatic } from "../../src/runtime/disk-static.ts";
import { createSocketSetFanout } from "../../src/runtime/socket-set-fanout.ts";
import { openSqlite } from "../../src/store/drivers/node.ts";
import { inProcessSockets } from "./in-process-sockets.ts";

export const origin = "http://localhost";

/**
 * The whole app in-process over a real (in-memory) SQLite database, the in-process bus and
 * Node's fan-out; sockets are in-process too (`sockets.open`), and test/server covers real ones.
 */
export async function createTestApp(overrides: Partial<Deps> = {}) {
  const sockets = inProcessSockets();
  const deps: Deps = {
    config: loadConfig({ RATE_LIMIT: "off" }),
    store: await openSqlite(":memory:"),
    // Never made unless something is uploaded: tests that upload pass their own folder, removed
    // after each test (tempFilesFolder in test/support/files.ts).
    files: diskFolder(join(tmpdir(), `parley-test-files-${randomUUID()}`)),
    bus: createMemoryBus(),
    fanout: createSocketSetFanout(),
    presence: createMemoryPresence(),
    limiter: createMemoryLimiter(),
    // Hundreds of people sign up across the suite, and the hash's cost is not what these tests
    // are about: 1/16 of the stored cost (3 ms a hash rather than 50; passwords.test.ts keeps the real one).
    passwords: scryptPasswordsAt(1024),
    upgradeWebSocket: sockets.upgradeWebSocket,
    serveStatic,
    // A documentation address (TEST-NET-1): in-process requests have no socket.
    remoteAddress: () => "192.0.2.1",
    version: "test",
    startedAt: new Date(),
    now: () => new Date(),
    ...overrides,
  };
  const app = createApp(deps);
  return { app, deps, sockets };
}

/** A browser-like client: keeps cookies and sends its Origin with every request. */
export function browser(app: { request: (request: Request) => Response | Promise<Response> }) {
  const jar = new Map<string, string>();
  const send = async (request: Request) => {
    const headers = new Headers(request.headers);
    headers.set("origin", headers.get("origin") ?? origin);
    if (jar.size) headers.set("cookie", [...jar].map(([k, v]) => `${k}=${v}`).join("; "));
    const response = await app.request(new Request(request, { headers, redirect: "manual" }));
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ""] = cookie.split(";");
      const [name = "", value = ""] = pair.split("=");
      if (/max-age=0|expires=Thu, 01 Jan 1970/i.test(cookie)) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  };
  const request = (path: string, init: RequestInit = {}) => send(new Request(`${origin}${path}`, init));
  return {
    jar,
    send,
    request,
    get: (path: string) => request(path),
    postForm: (path: string, fields: Record<string, string>, headers: HeadersInit = {}) =>
      request(path, { method: "POST", body: new URLSearchParams(fields), headers }),
    postJson: (path: string, json: unknown, headers: HeadersInit = {}) =>
      request(path, {
        method: "POST",
        body: JSON.stringify(json),
        headers: { "content-type": "application/json", ...headers },
      }),
  };
}

export type Browser = ReturnType<typeof browser>;

/** Signs up through the same form post as over HTTP; the client keeps the session. */
export async function signUp(client: Browser, username: string, password = http.defaultPassword) {
  await http.signUp(origin, username, password, client.send);
  return client;
}

/**
 * Alice and bob signed up in process, alice's rooms (just "General" unless told; bob joins the
 * first), and each one's room sockets: `join` opens General's, `joinRoom` any room's.
 */
export async function roomInProcess(
  rooms: { name: string; topic?: string }[] = [{ name: "General" }],
  overrides: Partial<Deps> = {},
) {
  const test = await createTestApp(overrides);
  const alice = await signUp(browser(test.app), "alice");
  const bob = await signUp(browser(test.app), "bob");
  for (const room of rooms) await alice.postForm("/rooms", { topic: "", ...room });
  const cookieOf = (client: Browser) => [...client.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const joinRoom = (client: Browser, slug: string, query = "") =>
    test.sockets.open(test.app, `/rooms/${slug}/ws${query}`, { cookie: cookieOf(client), origin });
  const join = (client: Browser, query = "") => joinRoom(client, "general", query);
  return { ...test, alice, bob, cookieOf, join, joinRoom };
}

/**
 * roomInProcess with bob joined to every room too, General found, and `open(client, slug)`: a
 * room socket once it is in the presence list (its first "Here now" fragment has come).
 */
export async function roomsWithBob(rooms: { name: string; topic?: string }[], overrides: Partial<Deps> = {}) {
  const test = await roomInProcess(rooms, overrides);
  for (const { name } of rooms) await test.bob.postForm(`/rooms/${name.toLowerCase()}/join`, {});
  const room = await test.deps.store.rooms.findBySlug("general");
  if (!room) throw new Error("setup: no General");
  const open = async (client: Browser, slug = "general") => {
    const socket = await test.joinRoom(client, slug);
    await socket.frame((frame) => frame.includes("here-room-"));
    return socket;
  };
  return { ...test, room, open };
}
