import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { fragment } from "../support/html.ts";
import { type Browser, browser, createTestApp, origin } from "../support/test-app.ts";

const base = "/chat";
const metricsToken = "the-mounted-metrics-token";

/** A host site with its own home page, and Parley under /chat, as a kit user mounts it. */
async function mounted() {
  const config = loadConfig({ RATE_LIMIT: "off", METRICS_TOKEN: metricsToken });
  const test = await createTestApp({ basePath: base, config });
  const host = new Hono();
  host.get("/", (c) => c.text("the host's own home"));
  host.route(base, test.app);
  // A route the host adds after mounting Parley stays the host's.
  host.get("/about", (c) => c.text("the host's about page"));
  const alice = browser(host);
  const bob = browser(host);
  for (const [client, username] of [
    [alice, "alice"],
    [bob, "bob"],
  ] as const) {
    const signedUp = await client.postForm(`${base}/signup`, { username, password: "a long enough secret" });
    expect(signedUp.status).toBe(303);
    expect(signedUp.headers.get("location")).toBe(base);
  }
  const cookieOf = (client: Browser) => [...client.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  return { ...test, host, alice, bob, cookieOf };
}

/** Attributes that carry a URL (or a path a script uses as one). */
const urlAttributes = ["href", "src", "action", "hx-get", "hx-post", "hx-ws:connect", "srcset", "formaction"];

/** Every Parley path an HTML page or fragment names, in attributes and data-* values alike. */
function pathsIn(html: string): string[] {
  const found: string[] = [];
  for (const element of fragment(html).querySelectorAll("*")) {
    for (const { name, value } of element.attributes) {
      if (!urlAttributes.includes(name) && !name.startsWith("data-")) continue;
      for (const candidate of name === "srcset" ? value.split(",").map((part) => part.trim().split(" ")[0]) : [value]) {
        if (!candidate) continue;
        // The path alone: "/chat#discover" and "/chat?page=2" are under /chat.
        if (candidate.startsWith(origin) || (candidate.startsWith("/") && !candidate.startsWith("//")))
          found.push(new URL(candidate, origin).pathname);
      }
    }
  }
  return found;
}

const outsideBase = (paths: string[]) => paths.filter((path) => path !== base && !path.startsWith(`${base}/`));

describe("Parley mounted under a base path", () => {
  it("rejects a base path that is not one", async () => {
    for (const wrong of ["chat", "/chat/", "/", "/ch at"]) {
      await expect(createTestApp({ basePath: wrong })).rejects.toThrow(/basePath/);
    }
  });

  it("writes every link, form, script and socket address under it", async () => {
    const { host, alice, bob, sockets, cookieOf } = await mounted();
    const created = await alice.postForm(`${base}/rooms`, { name: "General" });
    expect(created.status).toBe(303);
    expect(created.headers.get("location")).toBe(`${base}/rooms/general`);
    await alice.postForm(`${base}/rooms/general/settings`, {
      allowed_origins: "http://docs.example.com\n",
      guests: "on",
    });
    await bob.postForm(`${base}/rooms/general/join`, {});

    const socket = await sockets.open(host, `${base}/rooms/general/ws?after=0`, { cookie: cookieOf(bob), origin });
    const posted = await alice.postJson(`${base}/api/rooms/general/messages`, { body: "hi @bob, see /u/bob" });
    expect(posted.status).toBe(201);
    const { message } = (await posted.json()) as { message: { id: number } };
    const broadcast = await socket.frame((frame) => frame.includes("data-message-id="));
    for (let i = 0; i < 3; i++) await alice.postJson(`${base}/api/rooms/general/messages`, { body: `more ${i}` });
    const catchUp = await sockets.open(host, `${base}/rooms/general/ws?after=${message.id}`, {
      cookie: cookieOf(bob),
      origin,
    });
    const caughtUp = await catchUp.frame((frame) => frame.includes("data-message-id="));

    const pages: Record<string, string> = {};
    for (const path of [
      base,
      `${base}/rooms/general`,
      `${base}/rooms/general/settings`,
      `${base}/rooms/general/messages?before=${message.id + 2}`,
      `${base}/rooms/general/members`,
      `${base}/settings`,
      `${base}/u/alice`,
      `${base}/nope`,
      `${base}/search`,
      `${base}/search?q=more&limit=1`,
      `${base}/search?q=more&room=general`,
      `${base}/rooms/general?at=${message.id}`,
    ]) {
      pages[path] = await (await alice.get(path)).text();
    }
    const visitor = browser(host);
    for (const path of [`${base}/login`, `${base}/signup`, `${base}/embed/general?host=http://docs.example.com`]) {
      pages[path] = await (await visitor.get(path)).text();
    }
    pages.broadcast = broadcast;
    pages.catchUp = caughtUp;

    for (const [where, html] of Object.entries(pages)) {
      expect(pathsIn(html).length, where).toBeGreaterThan(0);
      expect(outsideBase(pathsIn(html)), where).toEqual([]);
    }
    expect(pathsIn(pages.broadcast ?? "")).toContain(`${base}/u/bob`);
    // A result links to its message in the room; the next page and the search box stay under the base.
    const found = fragment(pages[`${base}/search?q=more&limit=1`] ?? "");
    expect(found.querySelector(".found-text")?.getAttribute("href")).toMatch(
      new RegExp(`^${base}/rooms/general\\?at=\\d+$`),
    );
    expect(found.querySelector(".older-results a")?.getAttribute("href")).toMatch(
      new RegExp(`^${base}/search\\?q=more&before=\\d+$`),
    );
    expect(found.querySelector("form.search-form")?.getAttribute("action")).toBe(`${base}/search`);
    const api = await alice.get(`${base}/api/search?q=more`);
    expect(((await api.json()) as { messages: { room: { url: string } }[] }).messages[0]?.room.url).toBe(
      `${base}/rooms/general`,
    );
    expect(
      fragment(pages[`${base}/rooms/general/settings`] ?? "").querySelector("#embed-snippet")?.textContent,
    ).toContain(`${origin}${base}/embed.js`);
    // Web Push: the settings switch's addresses, and the service worker at the base's root (its scope).
    const push = fragment(pages[`${base}/settings`] ?? "").querySelector("[data-push-key]");
    expect(push?.getAttribute("data-push-worker")).toBe(`${base}/push-worker.js`);
    expect(push?.getAttribute("data-push-save")).toBe(`${base}/settings/push`);
    expect(push?.getAttribute("data-push-remove")).toBe(`${base}/settings/push/remove`);
    const worker = await alice.get(`${base}/push-worker.js`);
    expect(worker.status).toBe(200);
    expect(worker.headers.get("content-type")).toMatch(/javascript/);
    const keys = {
      p256dh: Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 7)]).toString("base64url"),
      auth: Buffer.alloc(16, 9).toString("base64url"),
    };
    expect((await alice.postJson(`${base}/settings/push`, { endpoint: "https://push.example/1", keys })).status).toBe(
      204,
    );
  });

  it("keeps private rooms, direct messages, invites, members and administration under it", async () => {
    const { alice, bob } = await mounted();
    const secret = await alice.postForm(`${base}/rooms`, { name: "Secret", visibility: "private" });
    expect(secret.status).toBe(303);
    const secretRoom = secret.headers.get("location") ?? "";
    expect(secretRoom).toMatch(new RegExp(`^${base}/rooms/secret-`));
    const direct = await alice.postForm(`${base}/dm`, { username: "bob" });
    expect(direct.status).toBe(303);
    const directRoom = direct.headers.get("location") ?? "";
    expect(directRoom).toMatch(new RegExp(`^${base}/rooms/dm-`));

    const secretSlug = secretRoom.slice(`${base}/rooms/`.length);
    const invited = await alice.postForm(`${base}/rooms/${secretSlug}/invites`, {});
    expect(invited.status).toBe(201);
    const link = /https?:\/\/[^"<\s]+\/invites\/[A-Za-z0-9_-]+/.exec(await invited.text())?.[0] ?? "";
    expect(new URL(link).pathname).toMatch(new RegExp(`^${base}/invites/`));
    const joined = await bob.get(new URL(link).pathname);
    expect(joined.status).toBe(303);
    expect(joined.headers.get("location")).toBe(secretRoom);

    const pages: Record<string, string> = {};
    for (const path of [secretRoom, `${secretRoom}/members`, directRoom, `${base}/admin`, `${base}/u/bob`]) {
      const response = await alice.get(path);
      expect(response.status, path).toBe(200);
      pages[path] = await response.text();
    }
    for (const [where, html] of Object.entries(pages)) {
      expect(pathsIn(html).length, where).toBeGreaterThan(0);
      expect(outsideBase(pathsIn(html)), where).toEqual([]);
    }
  });

  it("keeps the session cookie to the base path and sends logged-out visitors to its log-in", async () => {
    const test = await createTestApp({ basePath: base });
    const host = new Hono().route(base, test.app);
    const signedUp = await browser(host).postForm(`${base}/signup`, {
      username: "carol",
      password: "a long enough secret",
    });
    expect(signedUp.headers.get("set-cookie")).toMatch(/Path=\/chat(;|$)/);
    const away = await browser(host).get(`${base}/settings`);
    expect(away.status).toBe(303);
    expect(away.headers.get("location")).toBe(`${base}/login?next=${encodeURIComponent(`${base}/settings`)}`);
    const back = await browser(host).postForm(`${base}/login`, {
      username: "carol",
      password: "a long enough secret",
      next: `${base}/settings`,
    });
    expect(back.headers.get("location")).toBe(`${base}/settings`);
  });

  it("answers under its own rules: JSON limits and errors, framed embeds, its own 404 page", async () => {
    const { host, alice } = await mounted();
    await alice.postForm(`${base}/rooms`, { name: "General" });
    await alice.postForm(`${base}/rooms/general/settings`, { allowed_origins: "http://docs.example.com\n" });

    // Past the forms' 8 KB, within the API's 64 KB: the API's own answer, in JSON.
    const long = await alice.postJson(`${base}/api/rooms/general/messages`, { body: "x".repeat(12 * 1024) });
    expect(long.status).toBe(422);
    expect(long.headers.get("content-type")).toMatch(/json/);
    const large = await alice.postJson(`${base}/api/rooms/general/messages`, { body: "x".repeat(65 * 1024) });
    expect(large.status).toBe(413);
    expect(await large.json()).toEqual({ error: "That request is too large: at most 64 KB." });

    const embed = await browser(host).get(`${base}/embed/general`);
    expect(embed.headers.get("content-security-policy")).toContain("frame-ancestors http://docs.example.com");
    expect(embed.headers.get("x-frame-options")).toBeNull();
    expect((await alice.get(base)).headers.get("x-frame-options")).toBe("DENY");

    const missing = await alice.get(`${base}/nope`);
    expect(missing.status).toBe(404);
    expect(
      fragment(await missing.text())
        .querySelector("a.brand")
        ?.getAttribute("href"),
    ).toBe(base);
    const missingApi = await alice.get(`${base}/api/nope`);
    expect(missingApi.status).toBe(404);
    expect(await missingApi.json()).toEqual({ error: "There is nothing at this address." });
    expect((await (await alice.get(`${base}/healthz`)).json()) as object).toHaveProperty("status");
    expect(await (await alice.get(`${base}/readyz`)).json()).toEqual({ status: "ready" });
    const scraped = await alice.request(`${base}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain("parley_messages_total");
    // Without the token: Parley's own 404 page under the mount, as for any address it does not have.
    const hidden = await alice.get(`${base}/metrics`);
    expect(hidden.status).toBe(404);
    expect(
      fragment(await hidden.text())
        .querySelector("a.brand")
        ?.getAttribute("href"),
    ).toBe(base);

    const slash = await alice.get(`${base}/`);
    expect([200, 301, 308]).toContain(slash.status);
    if (slash.status !== 200) expect(slash.headers.get("location")).toBe(base);
    expect(await (await alice.get("/")).text()).toBe("the host's own home");
    expect(await (await alice.get("/about")).text()).toBe("the host's about page");
  });
});
