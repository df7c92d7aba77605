import { describe, expect, it } from "vitest";
import { fragment } from "../support/html.ts";
import { browser, origin, roomInProcess, roomsWithBob, signUp } from "../support/test-app.ts";

/** What a room's owners change (its name and topic, its people) reaches the pages already open on it. */
describe("a room's changes, live on open pages", () => {
  const setup = () => roomsWithBob([{ name: "General", topic: "Old topic" }, { name: "Other" }]);
  const target = (html: string, id: string) =>
    fragment(html).querySelector(`hx-partial[hx-target="#${id}"]`) as Element | null;

  it("a rename and a new topic reach the room's open pages as one frame: the header's name and topic, the sidebar's entry", async () => {
    const { alice, bob, open, room } = await setup();
    const bobs = await open(bob);
    const saved = await alice.postForm("/rooms/general/settings", { name: "Lobby", topic: "Plans" });
    expect(saved.status).toBe(303);

    const live = await bobs.frame((f) => f.includes(`name-room-${room.id}`));
    expect(target(live, `name-room-${room.id}`)?.querySelector("h1")?.textContent).toBe("Lobby");
    expect(target(live, `topic-room-${room.id}`)?.textContent).toBe("Plans");
    // Its address stays: the entry says it beside the new name, as a page loaded now does.
    expect(target(live, `sidebar-name-room-${room.id}`)?.textContent).toBe("Lobby /general");
    // Rendered once, sent once: the topic does not come again in a frame of its own.
    expect(bobs.frames.filter((f) => f.includes(`topic-room-${room.id}`))).toHaveLength(1);
  });

  it("a rename reaches the sidebar of the person's other rooms' pages", async () => {
    const { alice, bob, open, room } = await setup();
    const elsewhere = await open(bob, "other");
    expect((await alice.postForm("/rooms/general/settings", { name: "Lobby" })).status).toBe(303);
    const live = await elsewhere.frame((f) => f.includes(`sidebar-name-room-${room.id}`));
    // Its address stays: the entry says it beside the new name, as a page loaded now does.
    expect(target(live, `sidebar-name-room-${room.id}`)?.textContent).toBe("Lobby /general");
    expect(target(live, `name-room-${room.id}`)).toBeNull();
  });

  it("a rename reaches the person's open home page: the room's card", async () => {
    const { app, sockets, cookieOf, alice, bob, room } = await setup();
    const home = await sockets.open(app, "/me/ws", { cookie: cookieOf(bob), origin });
    await home.frame((f) => f.includes("unread-room-"));
    expect((await alice.postForm("/rooms/general/settings", { name: "Lobby" })).status).toBe(303);
    const live = await home.frame((f) => f.includes(`card-name-room-${room.id}`));
    expect(target(live, `card-name-room-${room.id}`)?.querySelector("strong")?.textContent).toBe("Lobby /general");
  });

  it("adding, removing and re-roling a member updates the member count and list of everyone's open pages", async () => {
    const { app, deps, alice, bob, open, room } = await setup();
    await signUp(browser(app), "carol");
    const bobs = await open(bob);
    const members = (html: string) => target(html, `members-room-${room.id}`)?.textContent;

    expect((await alice.postForm("/rooms/general/members", { username: "carol" })).status).toBe(303);
    const added = await bobs.frame((f) => members(f) === "3 members");
    expect(target(added, `member-total-room-${room.id}`)?.textContent).toBe("3");
    // The newcomer's row joins an open list, as everyone sees it (no one's controls in it).
    const row = target(added, `member-rows-room-${room.id}`)?.querySelector("li.member");
    expect(row?.getAttribute("data-username")).toBe("carol");
    expect(row?.querySelector(".member-manage")).toBeNull();

    const carolId = (await deps.store.users.findByUsername("carol"))?.id;
    const seen = bobs.frames.length;
    expect((await alice.postForm("/rooms/general/members/carol/role", { role: "moderator" })).status).toBe(303);
    const role = await bobs.frame((f) => f.includes(`member-role-room-${room.id}-`), seen);
    expect(fragment(role).querySelector(".role-tag.moderator")?.textContent).toBe("Moderator");

    expect((await alice.postForm("/rooms/general/members/carol/remove", {})).status).toBe(303);
    const removed = await bobs.frame((f) => members(f) === "2 members", seen);
    expect(target(removed, `member-total-room-${room.id}`)?.textContent).toBe("2");
    const gone = fragment(removed).querySelector(`hx-partial[hx-swap="delete"]`);
    expect(gone?.getAttribute("hx-target")).toBe(`#member-room-${room.id}-${carolId}`);
  });

  it("a member added or banned over the JSON API updates the open pages the same way", async () => {
    const { app, deps, alice, bob, open, room } = await setup();
    await signUp(browser(app), "carol");
    const bobs = await open(bob);
    const members = (html: string) => target(html, `members-room-${room.id}`)?.textContent;
    expect((await alice.postJson("/api/rooms/general/members", { username: "carol" })).status).toBe(201);
    await bobs.frame((f) => members(f) === "3 members");
    const seen = bobs.frames.length;
    const carolId = (await deps.store.users.findByUsername("carol"))?.id;
    const banned = await alice.request("/api/rooms/general/bans/carol", { method: "PUT" });
    expect(banned.status).toBe(204);
    const gone = await bobs.frame((f) => members(f) === "2 members", seen);
    expect(fragment(gone).querySelector(`hx-partial[hx-swap="delete"]`)?.getAttribute("hx-target")).toBe(
      `#member-room-${room.id}-${carolId}`,
    );
  });

  it("after a rename, sockets already open name the room anew in what they hand on (the host's hooks)", async () => {
    const named: string[] = [];
    const test = await roomInProcess([{ name: "General" }], {
      hooks: { stored: (room) => void named.push(room.name) },
    });
    const alices = await test.join(test.alice);
    await alices.frame((frame) => frame.includes("here-room-"));
    expect((await test.alice.postForm("/rooms/general/settings", { name: "Lobby" })).status).toBe(303);
    await alices.frame((frame) => frame.includes("name-room-"));
    alices.send({ body: "renamed" });
    await alices.frame((frame) => frame.includes("renamed"));
    await expect.poll(() => named).toEqual(["Lobby"]);
  });
});
