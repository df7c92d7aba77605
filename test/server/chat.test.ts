import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, openRoomSocket, signUpOver } from "../support/client.ts";
import { fragment } from "../support/html.ts";
import { type RunningServer, removeDataDir, startServer } from "../support/server.ts";

/** The real Bun server over real sockets: what a browser's htmx sees, minus the browser. */
describe("chat over real WebSockets", () => {
  let server: RunningServer;
  let alice: Client;
  let bob: Client;
  let slug: string;

  beforeAll(async () => {
    server = await startServer();
    alice = await signUpOver(server.url, "alice");
    bob = await signUpOver(server.url, "bob");
    slug = await alice.createRoom("General");
  });
  afterAll(async () => {
    await server.stop();
    removeDataDir(server);
  });

  const join = async (client: Client, query = "") => {
    const socket = openRoomSocket(server.url, slug, { cookie: client.cookie, origin: server.url }, query);
    await socket.opened;
    // Joined once the room's page is rendered for this user: the socket is subscribed by then.
    await client.call(`/rooms/${slug}`);
    return socket;
  };

  it("delivers a message to sender and room as the same HTML fragment, stored once", async () => {
    const a = await join(alice);
    const b = await join(bob);
    a.send({ body: "hello from alice", headers: { "HX-Request": "true" } });
    const mentions = (frame: string) => frame.includes("hello from alice");
    const [toAlice, toBob] = await Promise.all([a.frame(mentions), b.frame(mentions)]);
    expect(toAlice).toBe(toBob);

    const article = fragment(toAlice).querySelector("hx-partial article.message");
    expect(article?.querySelector(".body")?.textContent).toBe("hello from alice");
    expect(article?.querySelector(".author")?.textContent).toBe("alice");
    const stored = (await bob.messages(slug)).filter((m) => m.body === "hello from alice");
    expect(stored).toHaveLength(1);
    expect(article?.getAttribute("data-message-id")).toBe(String(stored[0]?.id));
    a.close();
    b.close();
  });

  it("answers a bad frame on that socket only, storing nothing", async () => {
    const a = await join(alice);
    const b = await join(bob);
    const before = (await alice.messages(slug)).length;
    const cases: [string | object, string][] = [
      ["{not json", "That frame is not valid JSON."],
      [{ body: "   " }, "Type a message first."],
      [{ body: "x".repeat(4001) }, "Messages are at most 4000 characters."],
      [{ text: "wrong shape" }, "A message needs text."],
      [JSON.stringify({ body: "x".repeat(70_000) }), "That frame is too large."],
    ];
    for (const [frame, error] of cases) {
      const from = a.frames.length;
      a.send(frame);
      const reply = fragment(await a.frame((f) => f.includes('role="alert"'), from));
      expect(reply.querySelector("hx-partial form.composer [role=alert]")?.textContent).toBe(error);
    }
    // The socket still works, and bob saw none of it: his next frame is alice's good message.
    const from = b.frames.length;
    a.send({ body: "still here" });
    expect(await b.frame(() => true, from)).toContain("still here");
    expect(b.frames.slice(from).some((f) => f.includes('role="alert"'))).toBe(false);
    expect((await alice.messages(slug)).length).toBe(before + 1);
    a.close();
    b.close();
  });

  it("replays what a client missed after ?after=<id>, then streams live", async () => {
    const [first] = await alice.messages(slug);
    const late = await join(bob, `?after=${first?.id}`);
    const replay = fragment(await late.frame(() => true));
    const ids = [...replay.querySelectorAll("article")].map((a) => Number(a.getAttribute("data-message-id")));
    const expected = (await alice.messages(slug)).filter((m) => m.id > (first?.id ?? 0)).map((m) => m.id);
    expect(ids).toEqual(expected);
    late.close();
  });

  it("refuses a foreign Origin and a cookie-less upgrade: accepted, then closed with a 4xxx code, nothing sent", async () => {
    const foreign = openRoomSocket(server.url, slug, { cookie: alice.cookie, origin: "https://evil.example" });
    expect((await foreign.closed).code).toBe(4403);
    expect(foreign.frames).toEqual([]);

    const anonymous = openRoomSocket(server.url, slug, { origin: server.url });
    expect((await anonymous.closed).code).toBe(4401);
    expect(anonymous.frames).toEqual([]);

    const nowhere = openRoomSocket(server.url, "no-such-room", { cookie: alice.cookie, origin: server.url });
    expect((await nowhere.closed).code).toBe(4404);
  });

  it("keeps every message across a restart", async () => {
    const before = await alice.messages(slug);
    expect(before.length).toBeGreaterThan(0);
    await server.stop();
    server = await startServer({ dataDir: server.dataDir, port: server.port });
    // Sessions survive the restart too: alice's cookie still reads the room.
    expect(await alice.messages(slug)).toEqual(before);
  });

  it("reports its health", async () => {
    const health = await (await fetch(`${server.url}/healthz`)).json();
    expect(health).toMatchObject({ status: "ok", db: "up", bus: "up", version: expect.any(String) });
    expect(health.uptime).toBeGreaterThanOrEqual(0);
  });
});
