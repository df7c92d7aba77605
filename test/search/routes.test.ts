import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { fragment } from "../support/html.ts";
import { browser, createTestApp, roomInProcess, signUp } from "../support/test-app.ts";

/** Alice's General (bob in it) and her private Plans (bob not), each saying "harbour" once. */
const setup = async () => {
  const test = await roomInProcess();
  const { alice, bob, deps } = test;
  await bob.postForm("/rooms/general/join", {});
  await alice.postForm("/rooms", { name: "Plans", visibility: "private" });
  const plans = (await deps.store.rooms.listJoinedBy((await deps.store.users.findByUsername("alice"))?.id ?? 0)).find(
    (room) => room.name === "Plans",
  );
  if (!plans) throw new Error("setup: no Plans");
  const say = async (slug: string, body: string) =>
    (await (await alice.postJson(`/api/rooms/${slug}/messages`, { body })).json()).message.id as number;
  const general = await say("general", "Meet at the <b>harbour</b> & bring tea");
  await say(plans.slug, "the harbour plan is secret");
  return { ...test, plans, say, general };
};

const page = async (response: Response) => ({ status: response.status, body: fragment(await response.text()) });

describe("GET /search", () => {
  it("says what it is for before anything is typed", async () => {
    const { bob } = await setup();
    const { status, body } = await page(await bob.get("/search"));
    expect(status).toBe(200);
    expect(body.querySelector("input[name=q]")?.getAttribute("value")).toBe("");
    expect(body.querySelector(".search-empty")?.textContent).toMatch(/Type a word or two/);
  });

  it("finds words in the rooms the person reads, marked and escaped, each linking to its message", async () => {
    const { bob, general } = await setup();
    const { status, body } = await page(await bob.get("/search?q=HARBOUR"));
    expect(status).toBe(200);
    const found = [...body.querySelectorAll(".search-results .found")];
    expect(found).toHaveLength(1);
    const text = found[0]?.querySelector(".found-text");
    expect(text?.innerHTML).toBe("Meet at the &lt;b&gt;<mark>harbour</mark>&lt;/b&gt; &amp; bring tea");
    expect(text?.getAttribute("href")).toBe(`/rooms/general?at=${general}`);
    expect(found[0]?.querySelector(".found-room a")?.getAttribute("href")).toBe("/rooms/general");
    expect(found[0]?.querySelector(".author")?.textContent).toBe("alice");
  });

  it("says so in words when nothing matches", async () => {
    const { bob } = await setup();
    const { status, body } = await page(await bob.get("/search?q=secret"));
    expect(status).toBe(200);
    expect(body.querySelector(".search-results")).toBeNull();
    expect(body.querySelector(".search-empty")?.textContent).toMatch(/Nothing in your rooms says “secret”/);
  });

  it("searches one room, and answers a private room's slug exactly as a made-up one", async () => {
    const { alice, bob, plans } = await setup();
    const mine = await page(await alice.get(`/search?q=harbour&room=${plans.slug}`));
    expect(mine.body.querySelectorAll(".found")).toHaveLength(1);
    expect(mine.body.querySelector(".found-text")?.textContent).toBe("the harbour plan is secret");
    const hidden = await bob.get(`/search?q=harbour&room=${plans.slug}`);
    const madeUp = await bob.get("/search?q=harbour&room=no-such-room");
    expect([hidden.status, madeUp.status]).toEqual([404, 404]);
    expect(await hidden.text()).toBe(await madeUp.text());
  });

  it("pages older results", async () => {
    const { bob, say } = await setup();
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push(await say("general", `tide ${i}`));
    const first = await page(await bob.get("/search?q=tide&limit=2"));
    expect([...first.body.querySelectorAll(".found")].map((f) => Number(f.getAttribute("data-message-id")))).toEqual([
      ids[2],
      ids[1],
    ]);
    const older = first.body.querySelector(".older-results a")?.getAttribute("href") ?? "";
    expect(older).toBe(`/search?q=tide&before=${ids[1]}`);
    const second = await page(await bob.get(`${older}&limit=2`));
    expect([...second.body.querySelectorAll(".found")].map((f) => Number(f.getAttribute("data-message-id")))).toEqual([
      ids[0],
    ]);
    expect(second.body.querySelector(".search-end")).not.toBeNull();
  });

  it("shows what to change for a search it cannot run, and refuses a bad cursor", async () => {
    const { bob } = await setup();
    const long = await page(await bob.get(`/search?q=${"a".repeat(201)}`));
    expect(long.status).toBe(422);
    expect(long.body.querySelector("#search-error")?.textContent).toBe("Search for at most 200 characters.");
    const noWords = await page(await bob.get(`/search?q=${encodeURIComponent("?! --")}`));
    expect(noWords.status).toBe(422);
    expect(noWords.body.querySelector("#search-error")?.textContent).toMatch(/at least one word/);
    expect((await bob.get("/search?q=tide&before=x")).status).toBe(400);
  });

  it("sends people who are not signed in to log in", async () => {
    const { app } = await setup();
    const response = await browser(app).get("/search?q=harbour");
    expect(response.status).toBe(303);
  });
});

describe("GET /api/search", () => {
  it("gives messages as the history API does, with their room, newest first", async () => {
    const { bob, general, say } = await setup();
    const later = await say("general", "harbour again");
    const response = await bob.get("/api/search?q=harbour");
    expect(response.status).toBe(200);
    const { messages, older } = await response.json();
    expect(messages.map((m: { id: number }) => m.id)).toEqual([later, general]);
    expect(messages[1]).toEqual({
      id: general,
      body: "Meet at the <b>harbour</b> & bring tea",
      createdAt: expect.any(String),
      author: { username: "alice" },
      edited_at: null,
      reply_to: null,
      reactions: {},
      room: { slug: "general", name: "General", url: "/rooms/general" },
    });
    // The same message as the history API gives it, with its room beside.
    const history = await (await bob.get("/api/rooms/general/messages")).json();
    const { room: _, ...asInHistory } = messages[1];
    expect(history.messages.find((m: { id: number }) => m.id === general)).toEqual(asInHistory);
    expect(older).toBeNull();
    const paged = await (await bob.get(`/api/search?q=harbour&limit=1`)).json();
    expect([paged.messages.length, paged.older]).toEqual([1, later]);
  });

  it("refuses what it cannot search, with a sentence, and hides rooms as a made-up slug", async () => {
    const { app, bob, plans } = await setup();
    const error = async (path: string) => {
      const response = await bob.get(path);
      return [response.status, (await response.json()).error];
    };
    expect(await error("/api/search")).toEqual([400, "Give q: the words to search for."]);
    expect(await error(`/api/search?q=${"a".repeat(201)}`)).toEqual([422, "Search for at most 200 characters."]);
    expect(await error("/api/search?q=harbour&before=-1")).toEqual([400, "Cursors are message ids."]);
    expect(await error("/api/search?q=harbour&limit=500")).toEqual([400, "limit is 1 to 100."]);
    expect(await error(`/api/search?q=harbour&room=${plans.slug}`)).toEqual(
      await error("/api/search?q=harbour&room=nope"),
    );
    expect((await browser(app).get("/api/search?q=harbour")).status).toBe(401);
  });

  it("holds a person searching in a loop", async () => {
    // Rate limits on, as deployed (the other tests lift them).
    const limited = await createTestApp({ config: loadConfig({}) });
    const carol = await signUp(browser(limited.app), "carol");
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await carol.get("/api/search?q=anything")).status);
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(200));
    expect(statuses.at(-1)).toBe(429);
  });
});
