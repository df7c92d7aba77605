import { scryptPasswords } from "../../src/accounts/passwords.ts";
import { createApp } from "../../src/app.tsx";
import type { Deps } from "../../src/app-env.ts";
import { createMemoryBus } from "../../src/bus/memory.ts";
import { loadConfig } from "../../src/config.ts";
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
    bus: createMemoryBus(),
    fanout: createSocketSetFanout(),
    passwords: scryptPasswords,
    upgradeWebSocket: sockets.upgradeWebSocket,
    serveStatic,
    version: "test",
    startedAt: new Date(),
    now: () => new Date(),
    ...overrides,
  };
  const app = createApp(deps);
  return { app, deps, sockets };
}

/** A browser-like client: keeps cookies and sends its Origin with every request. */
export function browser(app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> }) {
  const jar = new Map<string, string>();
  const request = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set("origin", headers.get("origin") ?? origin);
    if (jar.size) headers.set("cookie", [...jar].map(([k, v]) => `${k}=${v}`).join("; "));
    const response = await app.request(`${origin}${path}`, { ...init, headers, redirect: "manual" });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ""] = cookie.split(";");
      const [name = "", value = ""] = pair.split("=");
      if (/max-age=0|expires=Thu, 01 Jan 1970/i.test(cookie)) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  };
  return {
    jar,
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

export async function signUp(client: Browser, username: string, password = "a long enough secret") {
  const response = await client.postForm("/signup", { username, password });
  if (response.status !== 303) throw new Error(`sign-up failed: ${response.status} ${await response.text()}`);
  return client;
}
