import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { roomTopic } from "../../src/delivery/topics.ts";
import { messagesId } from "../../views/messages/list.tsx";
import { fragment, messagesIn } from "../support/html.ts";
import { browser, createTestApp, signUp } from "../support/test-app.ts";

const setup = async () => {
  const test = await createTestApp();
  const alice = await signUp(browser(test.app), "alice");
  await alice.postForm("/rooms", { name: "General" });
  const room = await test.deps.store.rooms.findBySlug("general");
  if (!room) throw new Error("room not created");
  return { ...test, alice, room };
};

const createToken = async (client: ReturnType<typeof browser>, name = "bot") => {
  await client.postForm("/settings/tokens", { name });
  const page = fragment(await (await client.get("/settings")).text());
  return page.querySelector("code.token")?.textContent as string;
};

describe("GET /api/rooms", () => {
  it("lists rooms as JSON", async () => {
    const { alice } = await setup();
    const { rooms } = await (await alice.get("/api/rooms")).json();
    expect(rooms).toEqual([
      expect.objectContaining({ slug: "general", name: "General", url: "/rooms/general", lastMessageAt: null }),
    ]);
  });
});

describe("POST /api/rooms/:slug/messages", () => {
  it("stores the message once and broadcasts the same fragment the socket path does", async () => {
    const { alice, deps, room } = await setup();
    const fragments: string[] = [];
    await deps.bus.subscribe(roomTopic(room), (html) => fragments.push(html));

    const response = await alice.postJson("/api/rooms/general/messages", { body: "  hello <b>world</b> " });
    expect(response.status).toBe(201);
    const { message } = await response.json();
    expect(message).toMatchObject({ body: "hello <b>world</b>", author: { username: "alice" } });

    expect(fragments).toHaveLength(1);
    const partial = fragment(fragments[0] as string).querySelector("hx-partial");
    expect(partial?.getAttribute("hx-target")).toBe(`#${messagesId(room)}`);
    expect(messagesIn(partial?.innerHTML ?? "")).toEqual([{ id: message.id, body: "hello <b>world</b>" }]);

    const listed = await (await alice.get("/api/rooms/general/messages")).json();
    expect(listed.messages.map((m: { id: number }) => m.id)).toEqual([message.id]);
  });

  it("accepts a personal API token instead of a session, until it is revoked", async () => {
    const { app, alice } = await setup();
    const token = await createToken(alice);
    expect(token).toMatch(/^parley_/);
    const bot = browser(app);
    const auth = { authorization: `Bearer ${token}` };
    const posted = await bot.postJson("/api/rooms/general/messages", { body: "from a script" }, auth);
    expect(posted.status).toBe(201);
    expect((await posted.json()).message.author.username).toBe("alice");

    const settings = fragment(await (await alice.get("/settings")).text());
    expect(settings.textContent).not.toContain(token);
    const revoke = settings.querySelector('form[action$="/delete"]')?.getAttribute("action") as string;
    expect((await alice.postForm(revoke, {})).status).toBe(303);
    expect((await bot.postJson("/api/rooms/general/messages", { body: "again" }, auth)).status).toBe(401);
  });

  it("answers bad requests with a clear error and stores nothing", async () => {
    const { app, alice } = await setup();
    const cases: [ReturnType<typeof browser>, string, unknown, number, RegExp][] = [
      [browser(app), "general", { body: "hi" }, 401, /Sign in/],
      [alice, "nowhere", { body: "hi" }, 404, /There is no room here/],
      [alice, "general", { body: "   " }, 422, /Type a message first/],
      [alice, "general", { body: "x".repeat(4001) }, 422, /at most 4,000/],
      [alice, "general", { text: "wrong field" }, 422, /needs text/],
      [alice, "general", "just a string", 400, /JSON object/],
    ];
    for (const [client, slug, json, status, error] of cases) {
      const response = await client.postJson(`/api/rooms/${slug}/messages`, json);
      expect(response.status, JSON.stringify(json)).toBe(status);
      expect((await response.json()).error).toMatch(error);
    }
    const broken = await alice.request("/api/rooms/general/messages", {
      method: "POST",
      body: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect(broken.status).toBe(400);
    expect((await (await alice.get("/api/rooms/general/messages")).json()).messages).toEqual([]);
  });

  it("rate-limits a sender that floods", async () => {
    const { app } = await createTestApp({ config: loadConfig({ RATE_LIMIT: "on" }) });
    const alice = await signUp(browser(app), "alice");
    await alice.postForm("/rooms", { name: "General" });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let n = 0; n < 80; n++) {
      const response = await alice.postJson("/api/rooms/general/messages", { body: `m${n}` });
      statuses.push(response.status);
      if (response.status === 429) retryAfter ??= response.headers.get("retry-after");
    }
    // A person's burst of a few dozen goes through; a flood is refused with when to try again.
    expect(statuses.slice(0, 60).every((s) => s === 201)).toBe(true);
    expect(statuses).toContain(429);
    expect(retryAfter).toBe("1");
    const stored = (await (await alice.get("/api/rooms/general/messages?limit=100")).json()).messages;
    expect(stored).toHaveLength(statuses.filter((s) => s === 201).length);
  });
});

describe("GET /api/rooms/:slug/messages", () => {
  it("pages by id: latest N, before, after, always in id order", async () => {
    const { alice } = await setup();
    const ids: number[] = [];
    for (let n = 1; n <= 12; n++) {
      ids.push((await (await alice.postJson("/api/rooms/general/messages", { body: `m${n}` })).json()).message.id);
    }
    const page = async (query: string) =>
      (await (await alice.get(`/api/rooms/general/messages?${query}`)).json()).messages.map(
        (m: { id: number }) => m.id,
      );
    expect(await page("limit=5")).toEqual(ids.slice(7));
    expect(await page(`before=${ids[7]}&limit=3`)).toEqual(ids.slice(4, 7));
    expect(await page(`after=${ids[2]}&limit=3`)).toEqual(ids.slice(3, 6));
    expect(await page("")).toEqual(ids);
    expect((await alice.get("/api/rooms/general/messages?limit=101")).status).toBe(400);
    expect((await alice.get(`/api/rooms/general/messages?before=1&after=1`)).status).toBe(400);
  });
});
