import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { closeCodes } from "../../src/delivery/close-codes.ts";
import { startEmbedSession } from "../../src/embed/embed-sessions.ts";
import { openSqlite } from "../../src/store/drivers/node.ts";
import { cursorId } from "../../views/messages/cursor.tsx";
import { fragment, idsIn } from "../support/html.ts";
import { type Browser, browser, roomInProcess, signUp } from "../support/test-app.ts";

/**
 * Who may use what this change added: the room's preview and Join, its member list, and the
 * socket's request to fill a hole. Roles beyond the creator (moderators) do not exist yet.
 */
describe("who may preview, join, list members and fill a hole", () => {
  const setup = async () => {
    const test = await roomInProcess();
    const room = await test.deps.store.rooms.findBySlug("general");
    if (!room) throw new Error("setup");
    await test.alice.postJson("/api/rooms/general/messages", { body: "first" });
    // bob is signed up by roomInProcess but has not joined General.
    const members = () => test.deps.store.rooms.memberCount(room.id);
    return { ...test, room, members };
  };
  const page = async (response: Response) => ({ status: response.status, html: fragment(await response.text()) });

  it("sends people without a Parley session to log in, joining nothing: signed out, API token, embed guest", async () => {
    const { app, alice, deps, room, members } = await setup();
    await alice.postForm("/settings/tokens", { name: "script" });
    const token = (await page(await alice.get("/settings"))).html.querySelector("code.token")?.textContent ?? "";
    expect(token).toMatch(/^parley_/);
    const guest = await deps.store.users.createEmbedded({ username: "guest-lin", displayName: "Lin", kind: "guest" });
    if (!guest) throw new Error("no guest");
    const guestSession = await startEmbedSession(deps, guest, room);
    const before = await members();
    const strangers: [string, HeadersInit][] = [
      ["signed out", {}],
      ["an API token", { authorization: `Bearer ${token}` }],
      ["an embed guest's session as a cookie", { cookie: `parley_session=${guestSession}` }],
    ];
    for (const [who, headers] of strangers) {
      const visitor = browser(app);
      for (const [method, path] of [
        ["GET", "/rooms/general"],
        ["POST", "/rooms/general/join"],
        ["GET", "/rooms/general/members"],
      ] as const) {
        const response = await visitor.request(path, { method, headers });
        expect(response.status, `${who}: ${method} ${path}`).toBe(303);
        expect(response.headers.get("location"), `${who}: ${method} ${path}`).toMatch(/^\/login\?next=/);
      }
    }
    expect(await members()).toBe(before);
  });

  it("shows a non-member the preview and the members, and joins them on Join; a member and the creator get the room", async () => {
    const { bob, alice, members } = await setup();
    const preview = await page(await bob.get("/rooms/general"));
    expect(preview.html.querySelector("form.join-bar")).not.toBeNull();
    expect(preview.html.querySelector("form.composer")).toBeNull();
    const listed = await page(await bob.get("/rooms/general/members"));
    expect([...listed.html.querySelectorAll(".member-name")].map((n) => n.textContent)).toEqual(["alice"]);
    expect(await members()).toBe(1);

    expect((await bob.postForm("/rooms/general/join", {})).status).toBe(303);
    expect((await bob.postForm("/rooms/general/join", {})).status).toBe(303); // twice: one membership
    expect(await members()).toBe(2);
    for (const person of [bob, alice]) {
      const room = await page(await person.get("/rooms/general"));
      expect(room.html.querySelector("form.composer")).not.toBeNull();
      expect(room.html.querySelector("form.join-bar")).toBeNull();
    }
    // A room that does not exist is the same 404 for all of it.
    for (const path of ["/rooms/nowhere", "/rooms/nowhere/members"]) expect((await bob.get(path)).status).toBe(404);
    expect((await bob.postForm("/rooms/nowhere/join", {})).status).toBe(404);
  });

  it("answers a member's request to fill a hole with what follows it and where the page is whole, once a second at most", async () => {
    const { alice, join, room } = await setup();
    const ids: number[] = [];
    for (const body of ["two", "three"]) {
      const response = await alice.postJson("/api/rooms/general/messages", { body });
      ids.push((await response.json()).message.id);
    }
    const socket = await join(alice);
    await socket.frame((frame) => frame.includes("here-room-"));
    const first = ids[0] ?? 0;
    const from = socket.frames.length;
    for (let i = 0; i < 5; i++) socket.send({ after: first - 1, headers: { "HX-Request": "true" } });
    // A request that is not a message id is refused to the sender alone; it also comes after the five.
    socket.send({ after: "soon" });
    await socket.frame((frame) => frame.includes("A catch-up starts after a message id."), from);
    const answer = await socket.frame((frame) => frame.includes(cursorId(room)), from);
    expect(idsIn(answer)).toEqual(ids);
    // Five asks within the second: one answer (the page asks again while its hole lasts).
    expect(socket.frames.slice(from).filter((frame) => frame.includes(cursorId(room)))).toHaveLength(1);
  });
});

/**
 * A private room and a direct room, each route × signed out / non-member / member / banned:
 * whoever may not see the room gets exactly what a made-up slug of the same length gets (the
 * slug swapped in the answer, nothing else differs), and a member gets the room.
 */
describe("who may see a private room or a direct message", () => {
  let folders: string[] = [];
  afterEach(() => {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
    folders = [];
  });

  const setup = async () => {
    // A database file, so the test can write a ban as the members' feature will: straight to its table.
    const folder = mkdtempSync(join(tmpdir(), "parley-who-may-"));
    folders.push(folder);
    const file = join(folder, "parley.db");
    const test = await roomInProcess(undefined, { store: await openSqlite(file) });
    const { app, alice, bob, deps } = test;
    const carol = await signUp(browser(app), "carol");
    const dave = await signUp(browser(app), "dave");
    const created = await alice.postForm("/rooms", { name: "Plans", topic: "", visibility: "private" });
    expect(created.status).toBe(303);
    const privateSlug = (created.headers.get("location") ?? "").replace("/rooms/", "");
    const dm = await alice.postForm("/dm", { username: "carol" });
    expect(dm.status).toBe(303);
    const directSlug = (dm.headers.get("location") ?? "").replace("/rooms/", "");
    const room = await deps.store.rooms.findBySlug(privateSlug);
    const [carolUser, daveUser] = await Promise.all([
      deps.store.users.findByUsername("carol"),
      deps.store.users.findByUsername("dave"),
    ]);
    if (!room || !carolUser || !daveUser) throw new Error("setup");
    for (const person of [carolUser, daveUser]) await deps.store.rooms.join(room.id, person.id);
    const ban = (roomId: number, userId: number) => {
      const db = new Database(file);
      db.prepare("INSERT INTO room_bans (room_id, user_id, created_at) VALUES (?, ?, ?)").run(
        roomId,
        userId,
        Date.now(),
      );
      db.close();
    };
    ban(room.id, daveUser.id);
    expect(await deps.store.rooms.standing(room.id, daveUser.id)).toEqual({ role: "member", banned: true });
    return { ...test, carol, dave, privateSlug, directSlug, ban };
  };

  /** Every route that names a room, as [method, path with S for the slug, form or JSON body]. */
  const routes: [string, string, ("form" | "json")?][] = [
    ["GET", "/rooms/S"],
    ["GET", "/rooms/S/messages?before=1000000"],
    ["GET", "/rooms/S/members"],
    ["GET", "/rooms/S/settings"],
    ["POST", "/rooms/S/join", "form"],
    ["POST", "/rooms/S/notify", "form"],
    ["POST", "/rooms/S/messages", "form"],
    ["GET", "/api/rooms/S/messages"],
    ["POST", "/api/rooms/S/messages", "json"],
    ["GET", "/embed/S"],
  ];
  const call = (client: Browser, [method, path, body]: (typeof routes)[number], slug: string) => {
    const url = path.replace("S", slug);
    if (body === "form") return client.postForm(url, { body: "hello", notify: "all" });
    if (body === "json") return client.postJson(url, { body: "hello" });
    return client.request(url, { method });
  };
  const answer = async (response: Response, slug: string) => ({
    status: response.status,
    location: response.headers.get("location")?.replaceAll(slug, "S") ?? null,
    body: (await response.text()).replaceAll(slug, "S"),
  });
  /** A slug like the real one that names nothing. */
  const madeUp = (slug: string) => slug.replace(/.$/, (last) => (last === "q" ? "r" : "q"));

  const expectHidden = async (who: string, client: Browser, slug: string, only = routes) => {
    for (const route of only) {
      const real = await answer(await call(client, route, slug), slug);
      const fake = await answer(await call(client, route, madeUp(slug)), madeUp(slug));
      expect(real, `${who}: ${route[0]} ${route[1]}`).toEqual(fake);
      expect([303, 401, 404], `${who}: ${route[0]} ${route[1]}`).toContain(real.status);
    }
  };

  it("answers signed-out people, non-members and banned members as if the private room did not exist", async () => {
    const { app, bob, dave, privateSlug } = await setup();
    await expectHidden("signed out", browser(app), privateSlug);
    await expectHidden("non-member", bob, privateSlug);
    // Its name is not taken for anyone else: a refusal would tell that it exists.
    const same = await bob.postForm("/rooms", { name: "plans", topic: "" });
    expect(same.status).toBe(303);
    expect(same.headers.get("location")).toBe("/rooms/plans");
    await expectHidden("banned member", dave, privateSlug);
  });

  it("answers everyone but its two people as if the direct room did not exist", async () => {
    const { app, bob, dave, directSlug } = await setup();
    await expectHidden("signed out", browser(app), directSlug);
    await expectHidden("non-member", bob, directSlug);
    await expectHidden("another person", dave, directSlug);
  });

  it("gives members the room on every route, but never an embed of it", async () => {
    const { alice, carol, privateSlug, directSlug } = await setup();
    const expected: Record<string, number> = {
      "GET /rooms/S": 200,
      "GET /rooms/S/messages?before=1000000": 200,
      "GET /rooms/S/members": 200,
      "POST /rooms/S/join": 303,
      "POST /rooms/S/notify": 303,
      "POST /rooms/S/messages": 303,
      "GET /api/rooms/S/messages": 200,
      "POST /api/rooms/S/messages": 201,
      "GET /embed/S": 404,
    };
    for (const [who, client] of [
      ["alice", alice],
      ["carol", carol],
    ] as const) {
      for (const slug of [privateSlug, directSlug]) {
        for (const route of routes) {
          const key = `${route[0]} ${route[1]}`;
          const response = await call(client, route, slug);
          // Settings are the creator's: another member is refused, but knows the room exists.
          const want = key === "GET /rooms/S/settings" ? (who === "alice" ? 200 : 403) : expected[key];
          expect(response.status, `${who} ${slug}: ${key}`).toBe(want);
        }
      }
      const page = fragment(await (await client.get(`/rooms/${privateSlug}`)).text());
      expect(page.querySelector("form.composer"), who).not.toBeNull();
      expect(page.querySelector("form.join-bar"), who).toBeNull();
    }
    const embed = await alice.get(`/embed/${privateSlug}`);
    const none = await alice.get(`/embed/${madeUp(privateSlug)}`);
    expect((await embed.text()).replaceAll(privateSlug, "S")).toBe(
      (await none.text()).replaceAll(madeUp(privateSlug), "S"),
    );
  });

  it("closes a non-member's or banned member's socket with 4404 before sending anything, as for a made-up slug", async () => {
    const { alice, bob, dave, joinRoom, privateSlug, directSlug } = await setup();
    for (const [who, client, slug] of [
      ["non-member", bob, privateSlug],
      ["banned member", dave, privateSlug],
      ["non-member", bob, directSlug],
      ["made-up slug", alice, madeUp(privateSlug)],
    ] as const) {
      const socket = await joinRoom(client, slug);
      expect((await socket.whenClosed()).code, who).toBe(closeCodes.noSuchRoom);
      expect(socket.frames, who).toEqual([]);
    }
    const mine = await joinRoom(alice, privateSlug);
    await mine.frame((frame) => frame.includes("here-room-"));
    expect(mine.closed).toBeNull();
  });

  it("lists a private room and a direct room only to their members: home, sidebar, API", async () => {
    const { app, alice, bob, carol, dave, privateSlug, directSlug } = await setup();
    const hidden = [privateSlug, directSlug, "Plans"];
    for (const [who, client] of [
      ["signed out", browser(app)],
      ["bob", bob],
    ] as const) {
      for (const path of ["/", "/api/rooms", "/rooms/general"]) {
        const text = await (await client.get(path)).text();
        for (const word of hidden) expect(text, `${who} ${path}`).not.toContain(word);
      }
    }
    // A banned member's lists leave it out too.
    for (const path of ["/", "/api/rooms", "/rooms/general"]) {
      const text = await (await dave.get(path)).text();
      expect(text, `dave ${path}`).not.toContain(privateSlug);
    }
    const rooms = (await (await alice.get("/api/rooms")).json()).rooms.map((r: { slug: string }) => r.slug);
    expect(rooms.sort()).toEqual(["general", privateSlug, directSlug].sort());
    // Carol's sidebar names the conversation by the other person in it.
    const sidebar = fragment(await (await carol.get(`/rooms/${privateSlug}`)).text());
    const direct = sidebar.querySelector('nav[aria-labelledby="direct-title"] a');
    expect(direct?.getAttribute("href")).toBe(`/rooms/${directSlug}`);
    expect(direct?.textContent).toContain("alice");
  });

  it("opens one direct room per set of people, whoever starts it; nobody joins it", async () => {
    const { alice, bob, carol, directSlug, deps } = await setup();
    expect((await carol.postForm("/dm", { username: "alice" })).headers.get("location")).toBe(`/rooms/${directSlug}`);
    const api = await alice.postJson("/api/dm", { usernames: ["carol"] });
    expect((await api.json()).room).toMatchObject({ slug: directSlug, visibility: "direct" });
    const made = await alice.postJson("/api/rooms", { name: "Quiet corner", visibility: "private" });
    expect(made.status).toBe(201);
    const quiet = (await made.json()).room;
    expect(quiet).toMatchObject({ name: "Quiet corner", visibility: "private" });
    expect((await bob.get(quiet.url)).status).toBe(404);
    const refused = await alice.postJson("/api/rooms", { name: "x", visibility: "secret" });
    expect(refused.status).toBe(422);
    expect((await refused.json()).error).toBe("A room is public or private.");
    const three = await alice.postJson("/api/dm", { usernames: ["carol", "bob"] });
    const group = (await three.json()).room.slug;
    expect(group).not.toBe(directSlug);
    expect((await bob.get(`/rooms/${group}`)).status).toBe(200);
    for (const [fields, error] of [
      [{ username: "nobody-here" }, "No one goes by"],
      [{}, "Name someone"],
      [{ username: "alice" }, "Name someone"],
    ] as const) {
      const refused = await alice.postForm("/dm", fields);
      expect(refused.status).toBe(422);
      expect(await refused.text()).toContain(error);
    }
    const room = await deps.store.rooms.findBySlug(directSlug);
    expect(await deps.store.rooms.memberCount(room?.id ?? -1)).toBe(2);
  });

  it("answers someone banned from a public room as if it did not exist, and lists it nowhere for them", async () => {
    const { bob, deps, ban } = await setup();
    const general = await deps.store.rooms.findBySlug("general");
    const bobUser = await deps.store.users.findByUsername("bob");
    if (!general || !bobUser) throw new Error("setup");
    expect(await (await bob.get("/")).text()).toContain("/rooms/general");
    ban(general.id, bobUser.id);
    // An embed serves the sites a public room is shared with, whoever reads it: not a person's route.
    const personal = routes.filter(([, path]) => !path.startsWith("/embed/"));
    await expectHidden("banned from a public room", bob, "general", personal);
    expect(await (await bob.get("/")).text()).not.toContain("/rooms/general");
  });
});
