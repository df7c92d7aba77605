import { describe, expect, it } from "vitest";
import { fragment, messagesIn } from "../support/html.ts";
import { browser, createTestApp, signUp } from "../support/test-app.ts";

const setup = async () => {
  const test = await createTestApp();
  const alice = await signUp(browser(test.app), "alice");
  return { ...test, alice };
};

const createRoom = async (client: ReturnType<typeof browser>, name: string) => {
  const response = await client.postForm("/rooms", { name });
  expect(response.status).toBe(303);
  return response.headers.get("location") as string;
};

describe("rooms", () => {
  it("are created from the home page's form under a readable, unique slug", async () => {
    const { alice } = await setup();
    expect(
      fragment(await (await alice.get("/")).text()).querySelector('form[action="/rooms"] input[name="name"]'),
    ).not.toBeNull();
    expect(await createRoom(alice, "Café Talk")).toBe("/rooms/cafe-talk");
    expect(await createRoom(alice, "café talk!")).toBe("/rooms/cafe-talk-2");
  });

  it("need a name", async () => {
    const { alice } = await setup();
    const response = await alice.postForm("/rooms", { name: "   " });
    expect(response.status).toBe(422);
    expect(fragment(await response.text()).querySelector('[role="alert"]')?.textContent).toBe("Name the room.");
  });

  it("have unique names whatever their case, and the refusal points at the room that has it", async () => {
    const { alice } = await setup();
    await createRoom(alice, "General");
    const response = await alice.postForm("/rooms", { name: "  general " });
    expect(response.status).toBe(422);
    const alert = fragment(await response.text()).querySelector('[role="alert"]');
    expect(alert?.textContent).toBe("A room called “General” already exists. Open General");
    expect(alert?.querySelector("a")?.getAttribute("href")).toBe("/rooms/general");
  });

  it("may have a topic, shown in the lists and the room's header", async () => {
    const { alice } = await setup();
    const topic = "Release <planning> & such";
    await alice.postForm("/rooms", { name: "Ships", topic });
    const home = fragment(await (await alice.get("/")).text());
    expect(home.querySelector("#my-rooms-title + ul .topic")?.textContent).toBe(topic);
    const page = fragment(await (await alice.get("/rooms/ships")).text());
    expect(page.querySelector(".room-header .topic")?.textContent).toBe(topic);
    const long = await alice.postForm("/rooms", { name: "Long", topic: "x".repeat(201) });
    expect(long.status).toBe(422);
  });

  it("are listed on the home page once: the reader's own, then the others to discover", async () => {
    const { app, alice } = await setup();
    await createRoom(alice, "Quiet");
    await createRoom(alice, "Busy");
    await createRoom(alice, "Empty");
    await alice.postJson("/api/rooms/busy/messages", { body: "latest news" });
    await alice.postJson("/api/rooms/quiet/messages", { body: "older news" });
    await alice.postJson("/api/rooms/busy/messages", { body: "latest news" });
    const bob = await signUp(browser(app), "bob");
    await bob.postForm("/rooms/quiet/join", {});
    const home = fragment(await (await bob.get("/")).text());
    const names = (list: string) =>
      [...home.querySelectorAll(`${list} + ul .room-link strong`)].map((a) => a.textContent);
    expect(names("#my-rooms-title")).toEqual(["Quiet"]);
    expect(names("#discover-title")).toEqual(["Busy", "Empty"]);
    expect(home.querySelector("#discover-title + ul .preview")?.textContent).toBe("alice: latest news");
  });

  it("show a preview to someone who has not joined, and join on its button, not on a look", async () => {
    const { app, alice, deps } = await setup();
    await createRoom(alice, "Ops");
    await alice.postJson("/api/rooms/ops/messages", { body: "deploy at noon" });
    const bob = await signUp(browser(app), "bob");
    const preview = fragment(await (await bob.get("/rooms/ops")).text());
    expect(preview.querySelector(".message .body")?.textContent).toContain("deploy at noon");
    expect(preview.querySelector("form.join-bar")?.getAttribute("action")).toBe("/rooms/ops/join");
    expect(preview.querySelector("form.composer")).toBeNull();
    expect(preview.querySelector("[hx-ws\\:connect]")).toBeNull();
    const ops = await deps.store.rooms.findBySlug("ops");
    expect(await deps.store.rooms.memberCount(ops?.id ?? 0)).toBe(1);

    const joined = await bob.postForm("/rooms/ops/join", {});
    expect(joined.status).toBe(303);
    expect(joined.headers.get("location")).toBe("/rooms/ops");
    expect(await deps.store.rooms.memberCount(ops?.id ?? 0)).toBe(2);
    const room = fragment(await (await bob.get("/rooms/ops")).text());
    expect(room.querySelector("form.composer")).not.toBeNull();
    expect(room.querySelector("form.join-bar")).toBeNull();
    // The member list lists both, fresh each time it opens.
    const list = fragment(await (await bob.get("/rooms/ops/members")).text());
    expect([...list.querySelectorAll(".member-name")].map((name) => name.textContent)).toEqual(["alice", "bob"]);
    expect((await bob.postForm("/rooms/nowhere/join", {})).status).toBe(404);
  });

  it("can be left: the room moves from the reader's rooms to those to discover", async () => {
    const { app, alice } = await setup();
    await createRoom(alice, "Ops");
    const bob = await signUp(browser(app), "bob");
    await bob.postForm("/rooms/ops/join", {});
    const left = await bob.postForm("/rooms/ops/leave", {});
    expect(left.status).toBe(303);
    expect(left.headers.get("location")).toBe("/");
    const home = fragment(await (await bob.get("/")).text());
    const names = (list: string) =>
      [...home.querySelectorAll(`${list} + ul .room-link strong`)].map((a) => a.textContent);
    expect(names("#my-rooms-title")).toEqual([]);
    expect(names("#discover-title")).toEqual(["Ops"]);
    expect((await bob.postForm("/rooms/nowhere/leave", {})).status).toBe(404);
  });

  it("show a 404 page for an unknown slug", async () => {
    const { alice } = await setup();
    const response = await alice.get("/rooms/nowhere");
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("There is no room here.");
  });

  it("send visitors to log in first", async () => {
    const { app } = await setup();
    const response = await browser(app).get("/rooms/anything");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/login?next=%2Frooms%2Fanything");
  });
});

describe("the room page", () => {
  /** Alice's room "General" holding "message 1" to "message 55", and its page. */
  const generalWith55 = async () => {
    const { alice } = await setup();
    await createRoom(alice, "General");
    for (let n = 1; n <= 55; n++) await alice.postJson("/api/rooms/general/messages", { body: `message ${n}` });
    const page = fragment(await (await alice.get("/rooms/general")).text());
    return { alice, page };
  };

  it("renders the latest 50 messages with the message partial, and a socket that resumes after the last", async () => {
    const { page } = await generalWith55();
    const shown = messagesIn(page.querySelector("[role=log]")?.innerHTML ?? "");
    expect(shown).toHaveLength(50);
    expect(shown[0]?.body).toBe("message 6");
    expect(shown.at(-1)?.body).toBe("message 55");
    expect(page.querySelector("[hx-ws\\:connect]")?.getAttribute("hx-ws:connect")).toBe(
      `/rooms/general/ws?after=${shown.at(-1)?.id}`,
    );
    expect(page.querySelector("form.composer")?.hasAttribute("hx-ws:send")).toBe(true);
  });

  it("loads older messages page by page, until the beginning", async () => {
    const { alice, page } = await generalWith55();
    const older = page.querySelector(".older button")?.getAttribute("hx-get") as string;
    // Relative to the page (/rooms/general), as the browser resolves it.
    expect(older).toMatch(/^general\/messages\?before=\d+$/);

    const response = fragment(await (await alice.get(`/rooms/${older}`)).text());
    const [messages, control] = response.querySelectorAll("hx-partial");
    expect(messages?.getAttribute("hx-target")).toBe(`#${page.querySelector(".messages.earlier")?.id}`);
    expect(messagesIn(messages?.innerHTML ?? "").map((m) => m.body)).toEqual(
      ["1", "2", "3", "4", "5"].map((n) => `message ${n}`),
    );
    expect(control?.querySelector(".history-start")).not.toBeNull();
  });

  it("answers ?after= with the newer messages, for catching up", async () => {
    const { alice } = await setup();
    await createRoom(alice, "General");
    const first = await (await alice.postJson("/api/rooms/general/messages", { body: "one" })).json();
    await alice.postJson("/api/rooms/general/messages", { body: "two" });
    const response = await (await alice.get(`/rooms/general/messages?after=${first.message.id}`)).text();
    expect(messagesIn(response).map((m) => m.body)).toEqual(["two"]);
    expect((await alice.get("/rooms/general/messages?after=abc")).status).toBe(400);
  });
});
