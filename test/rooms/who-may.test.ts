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
        ["POST", "/rooms/general/members"],
        ["POST", "/rooms/general/members/bob/remove"],
        ["POST", "/rooms/general/members/bob/ban"],
        ["POST", "/rooms/general/members/bob/unban"],
        ["POST", "/rooms/general/members/bob/role"],
        ["POST", "/rooms/general/invites"],
        ["POST", "/rooms/general/invites/1/revoke"],
        ["GET", "/rooms/general/settings"],
        ["POST", "/rooms/general/delete"],
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
 * Who may see and change a room's people, cell by cell: its owner (who made it), a moderator,
 * a member, someone signed in who is not a member, someone banned, and someone signed out.
 */
describe("who may manage a room's people", () => {
  type Who = "owner" | "moderator" | "member" | "outsider" | "banned" | "signed out";
  const everyone: Who[] = ["owner", "moderator", "member", "outsider", "banned", "signed out"];
  const setup = async () => {
    let now = new Date("2026-12-01T12:00:00Z");
    const test = await roomInProcess([{ name: "General" }], { now: () => now });
    const { app, alice, bob, deps } = test;
    const room = await deps.store.rooms.findBySlug("general");
    if (!room) throw new Error("setup");
    const [mod, carol, dan, erin] = (await Promise.all(
      ["mod", "carol", "dan", "erin"].map((name) => signUp(browser(app), name)),
    )) as [Browser, Browser, Browser, Browser];
    for (const person of [bob, mod, dan]) await person.postForm("/rooms/general/join", {});
    expect((await alice.postForm("/rooms/general/members/mod/role", { role: "moderator" })).status).toBe(303);
    expect((await alice.postForm("/rooms/general/members/dan/ban", {})).status).toBe(303);
    const people: Record<Who, Browser> = {
      owner: alice,
      moderator: mod,
      member: bob,
      outsider: carol,
      banned: dan,
      "signed out": browser(app),
    };
    const standing = async (username: string) => {
      const person = await deps.store.users.findByUsername(username);
      return deps.store.rooms.standing(room.id, person?.id ?? -1);
    };
    const later = (ms: number) => {
      now = new Date(now.getTime() + ms);
    };
    return { ...test, room, people, erin, standing, later };
  };
  /** What each kind of person gets: a status, and for 303s where it leads. */
  const expectCells = async (
    route: string,
    act: (person: Browser, who: Who) => Promise<Response>,
    cells: Record<Who, number>,
    before: (who: Who) => Promise<void> = async () => {},
    order: Who[] = everyone,
  ) => {
    const { people } = current;
    for (const who of order) {
      await before(who);
      const response = await act(people[who], who);
      const got =
        response.status === 303 && /^\/login\?next=/.test(response.headers.get("location") ?? "")
          ? "login"
          : response.status;
      expect(got, `${who}: ${route}`).toBe(who === "signed out" ? "login" : cells[who]);
    }
  };
  let current: Awaited<ReturnType<typeof setup>>;

  it("makes a room's creator its owner", async () => {
    current = await setup();
    expect(await current.standing("alice")).toEqual({ role: "owner", banned: false });
    expect(await current.standing("mod")).toEqual({ role: "moderator", banned: false });
    expect(await current.standing("dan")).toEqual({ role: null, banned: true });
  });

  it("lists members with their roles to all who see the room; controls only for owner and moderators", async () => {
    current = await setup();
    const status = { owner: 200, moderator: 200, member: 200, outsider: 200, banned: 404 } as Record<Who, number>;
    await expectCells("GET /rooms/general/members", (p) => p.get("/rooms/general/members"), status);
    await expectCells(
      "GET the popover's fragment",
      (p) => p.request("/rooms/general/members", { headers: { "hx-request": "true" } }),
      status,
    );
    const list = async (who: Who) => fragment(await (await current.people[who].get("/rooms/general/members")).text());
    const owners = await list("owner");
    expect(
      [...owners.querySelectorAll(".member")].map((m) => [
        m.getAttribute("data-username"),
        m.querySelector(".role-tag")?.textContent ?? "",
      ]),
    ).toEqual([
      ["alice", "Owner"],
      ["bob", ""],
      ["mod", "Moderator"],
    ]);
    const controls = async (who: Who) =>
      [...(await list(who)).querySelectorAll(".member")].map((m) => [
        m.getAttribute("data-username"),
        [...m.querySelectorAll(".member-manage button")].map((b) => b.textContent?.trim()).join(", "),
      ]);
    expect(await controls("owner")).toEqual([
      ["alice", ""],
      ["bob", "Make moderator, Remove from room, Ban from room"],
      ["mod", "Make member, Remove from room, Ban from room"],
    ]);
    expect(await controls("moderator")).toEqual([
      ["alice", ""],
      ["bob", "Remove from room, Ban from room"],
      ["mod", ""],
    ]);
    for (const who of ["member", "outsider"] as const) {
      const page = await list(who);
      expect(page.querySelector(".member-manage"), who).toBeNull();
      expect(page.querySelector("form[action$='/invites']"), who).toBeNull();
    }
    expect(owners.querySelector("form[action$='/invites']")).not.toBeNull();
    expect([...owners.querySelectorAll(".banned li")].map((li) => li.getAttribute("data-username"))).toEqual(["dan"]);
  });

  it("lets owner and moderators add a person, never someone banned", async () => {
    current = await setup();
    await expectCells(
      "POST /rooms/general/members",
      (p) => p.postForm("/rooms/general/members", { username: "erin" }),
      { owner: 303, moderator: 303, member: 403, outsider: 403, banned: 404 } as Record<Who, number>,
      async () => {
        await current.deps.store.members.remove(
          current.room.id,
          (await current.deps.store.users.findByUsername("erin"))?.id ?? -1,
        );
      },
    );
    await current.people.moderator.postForm("/rooms/general/members", { username: "erin" });
    expect(await current.standing("erin")).toEqual({ role: "member", banned: false });
    const refused = await current.people.owner.postForm("/rooms/general/members", { username: "dan" });
    expect(refused.status).toBe(409);
    expect(fragment(await refused.text()).querySelector("[role=alert]")?.textContent).toBe(
      "@dan is banned from this room: unban them first.",
    );
    expect((await current.people.owner.postForm("/rooms/general/members", { username: "nobody" })).status).toBe(404);
    expect(await current.standing("dan")).toEqual({ role: null, banned: true });
  });

  it("lets owner and moderators remove members, moderators only plain members, nobody the owner", async () => {
    current = await setup();
    const erinIn = async () => {
      await current.erin.postForm("/rooms/general/join", {});
    };
    await expectCells(
      "POST /rooms/general/members/erin/remove",
      (p) => p.postForm("/rooms/general/members/erin/remove", {}),
      { owner: 303, moderator: 303, member: 403, outsider: 403, banned: 404 } as Record<Who, number>,
      erinIn,
    );
    await expectCells(
      "POST /rooms/general/members/alice/remove",
      (p) => p.postForm("/rooms/general/members/alice/remove", {}),
      { owner: 403, moderator: 403, member: 403, outsider: 403, banned: 404 } as Record<Who, number>,
    );
    expect((await current.people.moderator.postForm("/rooms/general/members/mod/remove", {})).status).toBe(403);
    expect((await current.people.owner.postForm("/rooms/general/members/carol/remove", {})).status).toBe(404);
    expect(await current.standing("alice")).toEqual({ role: "owner", banned: false });
    expect((await current.people.owner.postForm("/rooms/general/members/mod/remove", {})).status).toBe(303);
    expect(await current.standing("mod")).toEqual({ role: null, banned: false });
  });

  it("lets owner and moderators ban and unban; a banned person cannot join, come back by invite, or see the room", async () => {
    current = await setup();
    await expectCells(
      "POST /rooms/general/members/erin/ban",
      (p) => p.postForm("/rooms/general/members/erin/ban", {}),
      { owner: 303, moderator: 303, member: 403, outsider: 403, banned: 404 } as Record<Who, number>,
      async () => {
        await current.deps.store.members.unban(
          current.room.id,
          (await current.deps.store.users.findByUsername("erin"))?.id ?? -1,
        );
      },
    );
    await current.people.moderator.postForm("/rooms/general/members/erin/ban", {});
    expect(await current.standing("erin")).toEqual({ role: null, banned: true });
    await expectCells(
      "POST /rooms/general/members/erin/unban",
      (p) => p.postForm("/rooms/general/members/erin/unban", {}),
      { owner: 303, moderator: 303, member: 403, outsider: 403, banned: 404 } as Record<Who, number>,
    );
    expect(await current.standing("erin")).toEqual({ role: null, banned: false });
    expect((await current.people.moderator.postForm("/rooms/general/members/alice/ban", {})).status).toBe(403);

    const dan = current.people.banned;
    for (const path of ["/rooms/general", "/rooms/general/members", "/rooms/general/settings"])
      expect((await dan.get(path)).status, path).toBe(404);
    expect((await dan.postForm("/rooms/general/join", {})).status).toBe(404);
    const invite = await current.people.owner.request("/rooms/general/invites", { method: "POST" });
    const link =
      fragment(await invite.text())
        .querySelector("#new-invite")
        ?.getAttribute("value") ?? "";
    expect((await dan.get(new URL(link).pathname)).status).toBe(404);
    expect(await current.standing("dan")).toEqual({ role: null, banned: true });
  });

  it("lets only the owner make and unmake moderators", async () => {
    current = await setup();
    await expectCells(
      "POST /rooms/general/members/bob/role",
      (p) => p.postForm("/rooms/general/members/bob/role", { role: "moderator" }),
      { owner: 303, moderator: 403, member: 403, outsider: 403, banned: 404 } as Record<Who, number>,
    );
    expect(await current.standing("bob")).toEqual({ role: "moderator", banned: false });
    const owner = current.people.owner;
    expect((await owner.postForm("/rooms/general/members/bob/role", { role: "member" })).status).toBe(303);
    expect(await current.standing("bob")).toEqual({ role: "member", banned: false });
    expect((await owner.postForm("/rooms/general/members/bob/role", { role: "owner" })).status).toBe(400);
    expect((await owner.postForm("/rooms/general/members/alice/role", { role: "member" })).status).toBe(403);
    expect((await owner.postForm("/rooms/general/members/carol/role", { role: "moderator" })).status).toBe(404);
  });

  it("lets owner and moderators make and revoke invite links that join whoever opens them while they last", async () => {
    current = await setup();
    const links: string[] = [];
    await expectCells(
      "POST /rooms/general/invites",
      async (p) => {
        const response = await p.request("/rooms/general/invites", { method: "POST" });
        const link = fragment(await response.clone().text())
          .querySelector("#new-invite")
          ?.getAttribute("value");
        if (link) links.push(new URL(link).pathname);
        return response;
      },
      { owner: 201, moderator: 201, member: 403, outsider: 403, banned: 404 } as Record<Who, number>,
    );
    expect(links).toHaveLength(2);
    const [first = "", second = ""] = links;
    expect(first).toMatch(/^\/invites\/[\w-]{20,}$/);

    const visitor = current.people["signed out"];
    const out = await visitor.get(first);
    expect(out.headers.get("location")).toBe(`/login?next=${encodeURIComponent(first)}`);
    const joined = await current.people.outsider.get(first);
    expect(joined.status).toBe(303);
    expect(joined.headers.get("location")).toBe("/rooms/general");
    expect(await current.standing("carol")).toEqual({ role: "member", banned: false });

    const owners = fragment(await (await current.people.owner.get("/rooms/general/members")).text());
    // Newest first: the last is the owner's, the first link made.
    const revoke = [...owners.querySelectorAll(".invites form")].at(-1)?.getAttribute("action") ?? "";
    expect(revoke).toMatch(/^\/rooms\/general\/invites\/\d+\/revoke$/);
    await expectCells("POST …/invites/:id/revoke", (p) => p.postForm(revoke, {}), {
      owner: 303,
      moderator: 404,
      member: 403,
      outsider: 403,
      banned: 404,
    } as Record<Who, number>);
    for (const [path, what] of [
      [first, "revoked"],
      ["/invites/made-up-code", "unknown"],
    ] as const) {
      const gone = await current.erin.get(path);
      expect(gone.status, what).toBe(404);
      expect(fragment(await gone.text()).querySelector("h1")?.textContent, what).toBe("This invite link does not work");
    }
    current.later(7 * 24 * 60 * 60 * 1000);
    expect((await current.erin.get(second)).status, "expired").toBe(404);
    expect(await current.standing("erin")).toEqual({ role: null, banned: false });
  });

  it("lets owner and moderators rename the room and set its topic and embedding; the owner alone deletes it", async () => {
    current = await setup();
    const seen = { owner: 200, moderator: 200, member: 403, outsider: 403, banned: 404 } as Record<Who, number>;
    await expectCells("GET /rooms/general/settings", (p) => p.get("/rooms/general/settings"), seen);
    const saved = { ...seen, owner: 303, moderator: 303 };
    await expectCells(
      "POST /rooms/general/settings (topic)",
      (p, who) => p.postForm("/rooms/general/settings", { topic: `set by ${who}` }),
      saved,
    );
    expect((await current.deps.store.rooms.findBySlug("general"))?.topic).toBe("set by moderator");
    await expectCells(
      "POST /rooms/general/settings (embedding)",
      (p) => p.postForm("/rooms/general/settings", { allowed_origins: "https://docs.example.com", guests: "off" }),
      saved,
    );
    await expectCells(
      "POST /rooms/general/settings (name)",
      (p, who) => p.postForm("/rooms/general/settings", { name: `General ${who}` }),
      saved,
    );
    const renamed = await current.deps.store.rooms.findBySlug("general");
    expect(renamed?.name).toBe("General moderator");
    const pages = async (who: Who) => fragment(await (await current.people[who].get("/rooms/general/settings")).text());
    expect((await pages("owner")).querySelector("form[action='/rooms/general/delete']")).not.toBeNull();
    expect((await pages("moderator")).querySelector("form[action='/rooms/general/delete']")).toBeNull();
    const roomPage = async (who: Who) => fragment(await (await current.people[who].get("/rooms/general")).text());
    expect((await roomPage("moderator")).querySelector('.room-menu a[href="/rooms/general/settings"]')).not.toBeNull();
    expect((await roomPage("member")).querySelector('.room-menu a[href="/rooms/general/settings"]')).toBeNull();

    await current.people.owner.postForm("/rooms", { name: "Taken" });
    const taken = await current.people.owner.postForm("/rooms/general/settings", { name: "taken" });
    expect(taken.status).toBe(409);
    expect(fragment(await taken.text()).querySelector("[role=alert]")?.textContent).toBe(
      "A room called “Taken” already exists.",
    );

    await expectCells(
      "POST /rooms/general/delete (the name typed)",
      (p) => p.postForm("/rooms/general/delete", { confirm: "General moderator" }),
      { owner: 303, moderator: 403, member: 403, outsider: 403, banned: 404 } as Record<Who, number>,
      async (who) => {
        if (who !== "owner") return;
        const wrong = await current.people.owner.postForm("/rooms/general/delete", { confirm: "General" });
        expect(wrong.status).toBe(422);
        expect(await current.deps.store.rooms.findBySlug("general")).not.toBeNull();
      },
      // The owner last: after them there is no room left to refuse.
      ["signed out", "banned", "outsider", "member", "moderator", "owner"],
    );
    expect(await current.deps.store.rooms.findBySlug("general")).toBeNull();
    expect((await current.people.owner.get("/rooms/general")).status).toBe(404);
  });

  it("answers the JSON API with the same rules, by session or API token", async () => {
    current = await setup();
    const json = (p: Browser, method: string, path: string, body?: unknown) =>
      p.request(path, {
        method,
        headers: { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    // The API answers a missing caller with 401, not a redirect.
    const cells = async (
      route: string,
      act: (p: Browser) => Promise<Response>,
      cells: Record<Who, number>,
      prepare?: () => Promise<void>,
      order = everyone,
    ) => {
      for (const who of order) {
        await prepare?.();
        const status = (await act(current.people[who])).status;
        expect(status, `${who}: ${route}`).toBe(who === "signed out" ? 401 : cells[who]);
      }
    };
    const seen = { owner: 200, moderator: 200, member: 200, outsider: 200, banned: 404 } as Record<Who, number>;
    const runs = { owner: 204, moderator: 204, member: 403, outsider: 403, banned: 404 } as Record<Who, number>;
    await cells("GET members", (p) => p.get("/api/rooms/general/members"), seen);
    const listed = await (await current.people.member.get("/api/rooms/general/members")).json();
    expect(listed.members).toEqual([
      { username: "alice", displayName: null, role: "owner" },
      { username: "bob", displayName: null, role: "member" },
      { username: "mod", displayName: null, role: "moderator" },
    ]);
    const erinOut = async () => {
      const erin = await current.deps.store.users.findByUsername("erin");
      await current.deps.store.members.remove(current.room.id, erin?.id ?? -1);
      await current.deps.store.members.unban(current.room.id, erin?.id ?? -1);
    };
    const erinIn = async () => {
      await erinOut();
      await current.erin.postForm("/rooms/general/join", {});
    };
    await cells(
      "POST members",
      (p) => json(p, "POST", "/api/rooms/general/members", { username: "erin" }),
      { ...runs, owner: 201, moderator: 201 },
      erinOut,
    );
    await cells("DELETE members/erin", (p) => json(p, "DELETE", "/api/rooms/general/members/erin"), runs, erinIn);
    await cells("PUT bans/erin", (p) => json(p, "PUT", "/api/rooms/general/bans/erin"), runs, erinIn);
    await cells("DELETE bans/erin", (p) => json(p, "DELETE", "/api/rooms/general/bans/erin"), runs);
    await cells(
      "PUT members/bob/role",
      (p) => json(p, "PUT", "/api/rooms/general/members/bob/role", { role: "moderator" }),
      { ...runs, owner: 200, moderator: 403 },
    );
    expect(
      (await json(current.people.owner, "PUT", "/api/rooms/general/members/bob/role", { role: "member" })).status,
    ).toBe(200);
    await cells("GET invites", (p) => p.get("/api/rooms/general/invites"), { ...runs, owner: 200, moderator: 200 });
    await cells("POST invites", (p) => json(p, "POST", "/api/rooms/general/invites"), {
      ...runs,
      owner: 201,
      moderator: 201,
    });
    const made = await (await json(current.people.owner, "POST", "/api/rooms/general/invites")).json();
    expect(made.invite.url).toMatch(/^http:\/\/localhost\/invites\/[\w-]{20,}$/);
    expect((await json(current.people.member, "DELETE", `/api/rooms/general/invites/${made.invite.id}`)).status).toBe(
      403,
    );
    expect(
      (await json(current.people.moderator, "DELETE", `/api/rooms/general/invites/${made.invite.id}`)).status,
    ).toBe(204);
    expect((await current.erin.get(new URL(made.invite.url).pathname)).status).toBe(404);

    // A script with an API token is the person it belongs to.
    await current.people.moderator.postForm("/settings/tokens", { name: "script" });
    const token =
      fragment(await (await current.people.moderator.get("/settings")).text()).querySelector("code.token")
        ?.textContent ?? "";
    const script = browser(current.app);
    const bearer = { authorization: `Bearer ${token}` };
    await erinIn();
    expect(
      (await script.request("/api/rooms/general/members/erin", { method: "DELETE", headers: bearer })).status,
    ).toBe(204);
    expect(
      (await script.request("/api/rooms/general/members/alice", { method: "DELETE", headers: bearer })).status,
    ).toBe(403);
    expect(
      (
        await script.request("/api/rooms/general", {
          method: "DELETE",
          headers: { ...bearer, "content-type": "application/json" },
          body: '{"confirm":"General"}',
        })
      ).status,
    ).toBe(403);

    // The owner last: after them there is no room left to refuse.
    const ownerLast: Who[] = ["signed out", "banned", "outsider", "member", "moderator", "owner"];
    const deleting = (p: Browser) => json(p, "DELETE", "/api/rooms/general", { confirm: "General" });
    await cells("DELETE the room", deleting, { ...runs, moderator: 403 }, undefined, ownerLast);
    expect(await current.deps.store.rooms.findBySlug("general")).toBeNull();
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
          // Settings are the owner's and moderators': another member is refused, but knows the room
          // exists. A direct room has neither (its people are all members): nobody sets it up.
          const owns = who === "alice" && slug === privateSlug;
          const want = key === "GET /rooms/S/settings" ? (owns ? 200 : 403) : expected[key];
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
