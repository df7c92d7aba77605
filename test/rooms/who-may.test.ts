import { describe, expect, it } from "vitest";
import { startEmbedSession } from "../../src/embed/embed-sessions.ts";
import { cursorId } from "../../views/messages/cursor.tsx";
import { fragment, idsIn } from "../support/html.ts";
import { browser, roomInProcess } from "../support/test-app.ts";

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
