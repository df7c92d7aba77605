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

  it("are listed on the home page with their latest activity, and joined ones under My rooms", async () => {
    const { app, alice } = await setup();
    await createRoom(alice, "Quiet");
    await createRoom(alice, "Busy");
    await alice.postJson("/api/rooms/busy/messages", { body: "latest news" });
    const bob = await signUp(browser(app), "bob");
    await bob.get("/rooms/quiet");
    const home = fragment(await (await bob.get("/")).text());
    const [mine, all] = home.querySelectorAll("ul.rooms");
    expect([...(mine?.querySelectorAll("a") ?? [])].map((a) => a.textContent)).toEqual(["Quiet"]);
    const cards = [...(all?.querySelectorAll(".room-card") ?? [])];
    expect(cards.map((card) => card.querySelector("a")?.textContent)).toEqual(["Busy", "Quiet"]);
    expect(cards[0]?.querySelector(".preview")?.textContent).toBe("latest news");
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
    const shown = messagesIn(page.querySelector(".messages")?.innerHTML ?? "");
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
    expect(older).toMatch(/^\/rooms\/general\/messages\?before=\d+$/);

    const response = fragment(await (await alice.get(older)).text());
    const [messages, control] = response.querySelectorAll("hx-partial");
    expect(messages?.getAttribute("hx-target")).toBe(`#${page.querySelector(".messages")?.id}`);
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
