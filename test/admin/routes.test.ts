import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { closeCodes } from "../../src/delivery/close-codes.ts";
import { fragment } from "../support/html.ts";
import { type Browser, browser, createTestApp, origin, signUp } from "../support/test-app.ts";

const password = "correct horse battery";
const page = async (response: Response) => fragment(await response.text());
const cookieOf = (client: Browser) => [...client.jar].map(([k, v]) => `${k}=${v}`).join("; ");

/** Ada made the first account (an administrator); bob is an ordinary person; a visitor has none. */
const setup = async (admins = "") => {
  const test = await createTestApp({ config: loadConfig({ RATE_LIMIT: "off", ADMIN_USERNAMES: admins }) });
  const ada = await signUp(browser(test.app), "ada", password);
  const bob = await signUp(browser(test.app), "bob", password);
  const visitor = browser(test.app);
  await ada.postForm("/rooms", { name: "General", topic: "" });
  return { ...test, ada, bob, visitor };
};

const madeUp = async (client: Browser, path: string) => {
  const response = await client.get(path);
  return { status: response.status, text: await response.text() };
};

describe("the administration page", () => {
  it("is the first account's, listing people and rooms, and linked from its header alone", async () => {
    const { ada, bob } = await setup();
    const response = await ada.get("/admin");
    expect(response.status).toBe(200);
    const shown = await page(response);
    expect(shown.querySelector("h1")?.textContent).toBe("Administration");
    const people = [...shown.querySelectorAll("#admin-people ~ .table-scroll tbody tr")].map((row) =>
      [...row.querySelectorAll("th, td")].map((cell) => cell.textContent?.trim()),
    );
    expect(people.map((row) => [row[0], row[2], row[4]])).toEqual([
      ["ada", "Account", "Active"],
      ["bob", "Account", "Active"],
    ]);
    const rooms = [...shown.querySelectorAll("#admin-rooms ~ .table-scroll tbody tr")].map((row) =>
      [...row.querySelectorAll("th, td")].map((cell) => cell.textContent?.trim()),
    );
    expect(rooms.map((row) => row.slice(0, 5))).toEqual([["General", "Public", "1", "0", "ada"]]);
    expect(shown.querySelector('header nav a[href="/admin"]')?.textContent).toBe("Admin");
    expect((await page(await bob.get("/"))).querySelector('a[href="/admin"]')).toBeNull();
    for (const path of ["/settings", "/u/bob"])
      expect((await page(await ada.get(path))).querySelector('header nav a[href="/admin"]'), path).not.toBeNull();
  });

  it("answers everyone else exactly as a made-up address: signed out, ordinary, deactivated", async () => {
    const { ada, bob, visitor } = await setup();
    for (const client of [visitor, bob]) {
      const nothing = await madeUp(client, "/no-such-page");
      for (const path of ["/admin", "/admin?people=2"]) expect(await madeUp(client, path)).toEqual(nothing);
      const post = await client.postForm("/admin/people/ada/deactivate", {});
      expect(post.status).toBe(404);
      const json = await client.get("/api/admin/people");
      expect(json.status).toBe(404);
      expect(await json.json()).toEqual({ error: "There is nothing at this address." });
    }
    await ada.postForm("/admin/people/bob/deactivate", {});
    expect((await bob.get("/admin")).status).toBe(404);
  });

  it("names more administrators by ADMIN_USERNAMES, whatever the case", async () => {
    const { bob } = await setup("Bob");
    expect((await bob.get("/admin")).status).toBe(200);
  });

  it("pages through people, fifty at a time", async () => {
    const { ada, deps } = await setup();
    for (let i = 0; i < 50; i++) await deps.store.users.create(`person-${i}`, "hash");
    const first = await page(await ada.get("/admin"));
    expect(first.querySelectorAll("#admin-people ~ .table-scroll tbody tr")).toHaveLength(50);
    expect(first.querySelector('nav[aria-label="People pages"]')?.textContent).toContain("Page 1 of 2");
    const second = await page(await ada.get("/admin?people=2&rooms=1"));
    expect([...second.querySelectorAll("#admin-people ~ .table-scroll tbody th")].map((th) => th.textContent)).toEqual([
      "person-48",
      "person-49",
    ]);
  });
});

describe("who may administer, route by route", () => {
  /** Every administration route, acting on linus (deactivate, then reactivate: each cell leaves him as he was). */
  const routes: [string, (client: Browser, headers: HeadersInit) => Promise<Response>][] = [
    ["GET /admin", (client, headers) => client.request("/admin", { headers })],
    ["POST /admin/…/deactivate", (client, headers) => client.postForm("/admin/people/linus/deactivate", {}, headers)],
    ["POST /admin/…/reactivate", (client, headers) => client.postForm("/admin/people/linus/reactivate", {}, headers)],
    ["GET /api/admin/people", (client, headers) => client.request("/api/admin/people", { headers })],
    [
      "POST /api/admin/…/deactivate",
      (client, headers) => client.postJson("/api/admin/people/linus/deactivate", {}, headers),
    ],
    [
      "POST /api/admin/…/reactivate",
      (client, headers) => client.postJson("/api/admin/people/linus/reactivate", {}, headers),
    ],
  ];
  const people = [
    "administrator",
    "ordinary person",
    "signed out",
    "deactivated (their session)",
    "deactivated (their token)",
  ] as const;
  const expected: Record<(typeof people)[number], number[]> = {
    administrator: [200, 303, 303, 200, 200, 200],
    "ordinary person": [404, 404, 404, 404, 404, 404],
    "signed out": [404, 404, 404, 404, 404, 404],
    // Their session was ended: they are a visitor now.
    "deactivated (their session)": [404, 404, 404, 404, 404, 404],
    // Pages never read tokens; the API says why the token stopped working.
    "deactivated (their token)": [404, 404, 404, 401, 401, 401],
  };

  it.each(people)("%s", async (who) => {
    // Grace administers by ADMIN_USERNAMES until ada deactivates her: being named is not enough then.
    const { ada, bob, visitor, app, deps } = await setup("grace");
    const grace = await signUp(browser(app), "grace", password);
    await signUp(browser(app), "linus", password);
    await grace.postForm("/settings/tokens", { name: "script" });
    const token = (await page(await grace.get("/settings"))).querySelector("code.token")?.textContent ?? "";
    if (who.startsWith("deactivated"))
      expect((await ada.postForm("/admin/people/grace/deactivate", {})).status).toBe(303);
    const client =
      { administrator: ada, "ordinary person": bob, "signed out": visitor }[who as string] ??
      (who.endsWith("(their session)") ? grace : visitor);
    const headers: HeadersInit = who.endsWith("(their token)") ? { authorization: `Bearer ${token}` } : {};
    const statuses: number[] = [];
    for (const [, call] of routes) statuses.push((await call(client, headers)).status);
    expect(Object.fromEntries(routes.map(([route], i) => [route, statuses[i]]))).toEqual(
      Object.fromEntries(routes.map(([route], i) => [route, expected[who][i]])),
    );
    expect((await deps.store.users.findByUsername("linus"))?.deactivatedAt).toBeNull();
  });
});

describe("deactivating a person", () => {
  it("ends their sessions and open sockets at once, keeps their messages, and refuses their sign-in", async () => {
    const { ada, bob, deps, app, sockets } = await setup();
    await bob.get("/rooms/general");
    const socket = await sockets.open(app, "/rooms/general/ws", { cookie: cookieOf(bob), origin });
    await socket.frame(() => true);
    socket.send({ body: "hello from bob", key: "k1" });
    await socket.frame((frame) => frame.includes("hello from bob"));

    const done = await ada.postForm("/admin/people/bob/deactivate", {});
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("/admin?deactivated=bob");
    expect((await socket.whenClosed()).code).toBe(closeCodes.unauthenticated);
    expect((await bob.get("/settings")).status).toBe(303);
    const after = await page(await ada.get(done.headers.get("location") ?? ""));
    expect(after.querySelector('[role="status"]')?.textContent).toContain("bob is deactivated");
    const row = [...after.querySelectorAll("tbody tr")].find((tr) => tr.querySelector("th")?.textContent === "bob");
    expect(row?.textContent).toContain("Deactivated");
    expect(row?.querySelector("button")?.textContent?.trim()).toBe("Reactivate");

    const history = await ada.get("/api/rooms/general/messages");
    expect((await history.json()).messages.map((m: { body: string }) => m.body)).toContain("hello from bob");

    const login = await browser(app).postForm("/login", { username: "bob", password });
    expect(login.status).toBe(403);
    expect((await page(login)).querySelector('[role="alert"]')?.textContent).toBe("This account is deactivated.");
    const wrong = await browser(app).postForm("/login", { username: "bob", password: "not the password" });
    expect(wrong.status).toBe(401);
    expect(await deps.store.users.findByUsername("bob")).toMatchObject({ deactivatedAt: expect.any(Date) });
  });

  it("refuses their API tokens with the reason, and revokes them when reactivated", async () => {
    const { ada, bob, visitor } = await setup();
    await bob.postForm("/settings/tokens", { name: "script" });
    const token = (await page(await bob.get("/settings"))).querySelector("code.token")?.textContent ?? "";
    const bearer = { authorization: `Bearer ${token}` };
    const post = () => visitor.postJson("/api/rooms/general/messages", { body: "from a script" }, bearer);
    expect((await post()).status).toBe(201);

    await ada.postForm("/admin/people/bob/deactivate", {});
    const refused = await post();
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: "This account is deactivated." });

    const back = await ada.postForm("/admin/people/bob/reactivate", {});
    expect(back.headers.get("location")).toBe("/admin?reactivated=bob");
    expect((await post()).status).toBe(401);
  });

  it("is the same when asked twice, and reactivating someone active takes nothing from them", async () => {
    const { ada, bob, deps } = await setup();
    await bob.postForm("/settings/tokens", { name: "script" });
    expect((await ada.postForm("/admin/people/bob/reactivate", {})).status).toBe(303);
    expect(await deps.store.apiTokens.listFor(2)).toHaveLength(1);
    await ada.postForm("/admin/people/bob/deactivate", {});
    const first = (await deps.store.users.findByUsername("bob"))?.deactivatedAt;
    await ada.postForm("/admin/people/bob/deactivate", {});
    expect((await deps.store.users.findByUsername("bob"))?.deactivatedAt).toEqual(first);
  });

  it("lets them sign in again once reactivated", async () => {
    const { ada, app } = await setup();
    await ada.postForm("/admin/people/bob/deactivate", {});
    await ada.postForm("/admin/people/bob/reactivate", {});
    const login = await browser(app).postForm("/login", { username: "bob", password });
    expect(login.status).toBe(303);
  });

  it("is not for the administrator themself, nor for someone who does not exist", async () => {
    const { ada, deps } = await setup();
    const self = await ada.postForm("/admin/people/ada/deactivate", {});
    expect(self.status).toBe(403);
    expect((await page(self)).textContent).toContain("You cannot deactivate your own account.");
    expect((await deps.store.users.findByUsername("ada"))?.deactivatedAt).toBeNull();
    expect((await ada.postForm("/admin/people/nobody/deactivate", {})).status).toBe(404);
    const mine = (await page(await ada.get("/admin"))).querySelector("tbody tr");
    expect(mine?.querySelector("button")).toBeNull();
  });
});

describe("the administration's JSON API", () => {
  it("lists people and deactivates and reactivates them, for administrators (session or token)", async () => {
    const { ada, bob, visitor } = await setup();
    const listed = await ada.get("/api/admin/people");
    expect(listed.status).toBe(200);
    const body = await listed.json();
    expect(body).toMatchObject({ total: 2, page: 1 });
    expect(body.people).toEqual([
      expect.objectContaining({ username: "ada", kind: "account", deactivated_at: null }),
      expect.objectContaining({ username: "bob", kind: "account", deactivated_at: null }),
    ]);

    await ada.postForm("/settings/tokens", { name: "admin script" });
    const token = (await page(await ada.get("/settings"))).querySelector("code.token")?.textContent ?? "";
    const bearer = { authorization: `Bearer ${token}` };
    const off = await visitor.postJson("/api/admin/people/bob/deactivate", {}, bearer);
    expect(off.status).toBe(200);
    expect((await off.json()).person).toMatchObject({ username: "bob", deactivated_at: expect.any(String) });
    expect((await bob.get("/api/admin/people")).status).toBe(404);
    const on = await ada.postJson("/api/admin/people/bob/reactivate", {});
    expect((await on.json()).person).toMatchObject({ username: "bob", deactivated_at: null });
    const self = await ada.postJson("/api/admin/people/ada/deactivate", {});
    expect(self.status).toBe(403);
    expect(await self.json()).toEqual({ error: "You cannot deactivate your own account." });
  });
});
