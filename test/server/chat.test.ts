import { describe, expect, it } from "vitest";
import { openRoomSocket } from "../support/client.ts";
import { carriesMessages, fragment, idsIn, messagesIn } from "../support/html.ts";
import { roomServer } from "../support/room-server.ts";
import { startServer } from "../support/server.ts";

/** The real Bun server over real sockets: what a browser's htmx sees, minus the browser. */
describe("chat over real WebSockets", () => {
  const room = roomServer();

  it("delivers a message to sender and room as the same HTML fragment, stored once", async () => {
    const a = await room.socket(room.alice);
    const b = await room.socket(room.bob);
    a.send({ body: "hello from alice", headers: { "HX-Request": "true" } });
    const mentions = (frame: string) => frame.includes("hello from alice");
    const [toAlice, toBob] = await Promise.all([a.frame(mentions), b.frame(mentions)]);
    expect(toAlice).toBe(toBob);

    expect(fragment(toAlice).querySelector("hx-partial article.message .author")?.textContent).toBe("alice");
    const stored = (await room.bob.messages(room.slug)).filter((m) => m.body === "hello from alice");
    expect(stored).toHaveLength(1);
    expect(messagesIn(toAlice)).toEqual([{ id: stored[0]?.id, body: "hello from alice" }]);
    a.close();
    b.close();
  });

  it("answers a bad frame on that socket only, storing nothing", async () => {
    const a = await room.socket(room.alice);
    const b = await room.socket(room.bob);
    const before = (await room.alice.messages(room.slug)).length;
    const cases: [string | object, string][] = [
      ["{not json", "That frame is not valid JSON."],
      [{ body: "   " }, "Type a message first."],
      [{ body: "x".repeat(4001) }, "Messages are at most 4,000 characters."],
      [{ text: "wrong shape" }, "A message needs text."],
      [JSON.stringify({ body: "x".repeat(70_000) }), "That frame is too large."],
    ];
    for (const [frame, error] of cases) {
      const from = a.frames.length;
      a.send(frame);
      const reply = fragment(await a.frame((f) => f.includes('role="alert"'), from));
      // Only the composer's error line: a draft typed meanwhile is not sent back over.
      expect(reply.querySelector("hx-partial [role=alert]")?.textContent).toBe(error);
      expect(reply.querySelector("hx-partial")?.getAttribute("hx-target")).toMatch(/^#composer-room-\d+-error$/);
      expect(reply.querySelector("textarea, form")).toBeNull();
    }
    // The socket still works, and bob saw none of it: his next frame is alice's good message.
    const from = b.frames.length;
    a.send({ body: "still here" });
    expect(await b.frame(() => true, from)).toContain("still here");
    expect(b.frames.slice(from).some((f) => f.includes('role="alert"'))).toBe(false);
    expect((await room.alice.messages(room.slug)).length).toBe(before + 1);
    a.close();
    b.close();
  });

  it("turns a refused send's pending item into a 'not sent' item with its text, reason and choices", async () => {
    const a = await room.socket(room.alice);
    const before = (await room.alice.messages(room.slug)).length;
    const text = "x".repeat(4001);
    a.send({ body: text, key: "refusednonce-1" });
    const reply = fragment(await a.frame((f) => f.includes("refusednonce-1")));
    const envelope = reply.querySelector("hx-partial");
    expect(envelope?.getAttribute("hx-target")).toBe("#pending-refusednonce-1");
    expect(envelope?.getAttribute("hx-swap")).toBe("outerHTML");
    const item = envelope?.querySelector("article#pending-refusednonce-1");
    expect(item?.getAttribute("data-state")).toBe("failed");
    expect(item?.querySelector(".body")?.textContent).toBe(text);
    expect(item?.querySelector("[role=alert]")?.textContent).toBe("Not sent: Messages are at most 4,000 characters.");
    // Trying the same text again cannot help: edit or discard only.
    const actions = [...(item?.querySelectorAll("button[data-action]") ?? [])].map((b) =>
      b.getAttribute("data-action"),
    );
    expect(actions).toEqual(["edit", "discard"]);
    expect(reply.querySelector("form, textarea")).toBeNull();
    expect((await room.alice.messages(room.slug)).length).toBe(before);
    a.close();
  });

  it("replays what a client missed after ?after=<id>, then streams live", async () => {
    const [first] = await room.alice.messages(room.slug);
    const late = await room.socket(room.bob, `?after=${first?.id}`);
    const ids = idsIn(await late.frame(carriesMessages));
    const expected = (await room.alice.messages(room.slug)).filter((m) => m.id > (first?.id ?? 0)).map((m) => m.id);
    expect(ids).toEqual(expected);
    late.close();
  });

  it("refuses a foreign Origin and a cookie-less upgrade: accepted, then closed with a 4xxx code, nothing sent", async () => {
    const foreign = openRoomSocket(room.server.url, room.slug, {
      cookie: room.alice.cookie,
      origin: "https://evil.example",
    });
    expect((await foreign.closed).code).toBe(4403);
    expect(foreign.frames).toEqual([]);

    const anonymous = openRoomSocket(room.server.url, room.slug, { origin: room.server.url });
    expect((await anonymous.closed).code).toBe(4401);
    expect(anonymous.frames).toEqual([]);

    const nowhere = openRoomSocket(room.server.url, "no-such-room", {
      cookie: room.alice.cookie,
      origin: room.server.url,
    });
    expect((await nowhere.closed).code).toBe(4404);
  });

  it("keeps every message across a restart", async () => {
    const before = await room.alice.messages(room.slug);
    expect(before.length).toBeGreaterThan(0);
    await room.server.stop();
    room.server = await startServer({ dataDir: room.server.dataDir, port: room.server.port });
    // Sessions survive the restart too: alice's cookie still reads the room.
    expect(await room.alice.messages(room.slug)).toEqual(before);
  });

  it("reports its health", async () => {
    const health = await (await fetch(`${room.server.url}/healthz`)).json();
    expect(health).toMatchObject({ status: "ok", db: "up", bus: "up", version: expect.any(String) });
    expect(health.uptime).toBeGreaterThanOrEqual(0);
  });
});
