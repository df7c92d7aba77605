import { describe, expect, it } from "vitest";
import { createMemoryBus } from "../../src/bus/memory.ts";
import { loadConfig } from "../../src/config.ts";
import { closeCodes } from "../../src/delivery/close-codes.ts";
import { socketLimits } from "../../src/delivery/socket-limits.ts";
import { roomTopic } from "../../src/delivery/topics.ts";
import { createMemoryPresence } from "../../src/live/presence-store.ts";
import { openSqlite } from "../../src/store/drivers/node.ts";
import { fragment } from "../support/html.ts";
import { browser, origin, roomInProcess } from "../support/test-app.ts";

const setup = async (overrides: Parameters<typeof roomInProcess>[1] = {}) => {
  const test = await roomInProcess(undefined, overrides);
  const stored = async () =>
    (await (await test.alice.get("/api/rooms/general/messages?limit=100")).json()).messages as {
      id: number;
      body: string;
    }[];
  return { ...test, stored };
};

const idsIn = (html: string) =>
  [...fragment(html).querySelectorAll("article[data-message-id]")].map((a) =>
    Number(a.getAttribute("data-message-id")),
  );

/** The room socket's handler in process: the same admission, posting and delivery as on a server. */
describe("the room socket", () => {
  it("refuses before sending anything: foreign Origin, no session, unknown room, bad cursor", async () => {
    const { app, sockets, alice, cookieOf } = await setup();
    const cookie = cookieOf(alice);
    const cases: [string, Record<string, string>, number][] = [
      ["/rooms/general/ws", { cookie, origin: "https://evil.example" }, closeCodes.forbidden],
      ["/rooms/general/ws", { origin }, closeCodes.unauthenticated],
      ["/rooms/nowhere/ws", { cookie, origin }, closeCodes.noSuchRoom],
      ["/rooms/general/ws?after=soon", { cookie, origin }, closeCodes.badRequest],
    ];
    for (const [path, headers, code] of cases) {
      const socket = await sockets.open(app, path, headers);
      expect((await socket.whenClosed()).code, path).toBe(code);
      expect(socket.frames, path).toEqual([]);
    }
  });

  it("acknowledges a send to its sender and broadcasts the one fragment to the room, stored once", async () => {
    const { join, alice, bob, stored } = await setup();
    const a = await join(alice);
    const b = await join(bob);
    a.send({ body: "hello room", key: "n0nce-1", headers: { "HX-Request": "true" } });
    const toBob = await b.frame((f) => f.includes("hello room"));
    const ack = await a.frame((f) => f.includes('hx-target="#pending-n0nce-1"'));
    const [message] = await stored();
    expect(message?.body).toBe("hello room");
    expect(idsIn(toBob)).toEqual([message?.id]);
    // The acknowledgement carries the stored message too, so it shows even before the broadcast.
    expect(idsIn(ack)).toEqual([message?.id]);
    expect(fragment(ack).querySelector('hx-partial[hx-swap="delete"]')).not.toBeNull();

    // The same key again (a resend after a reconnect): acknowledged, not stored or broadcast twice.
    const from = b.frames.length;
    a.send({ body: "hello room", key: "n0nce-1" });
    await a.frame((f) => f.includes('hx-target="#pending-n0nce-1"'), a.frames.indexOf(ack) + 1);
    expect(await stored()).toHaveLength(1);
    a.send({ body: "next", key: "n0nce-2" });
    expect(idsIn(await b.frame(() => true, from))).toEqual([(await stored())[1]?.id]);
  });

  it("answers a bad frame to its sender only: on its pending item, or the composer's error line", async () => {
    const { join, alice, bob, stored } = await setup();
    const a = await join(alice);
    const b = await join(bob);
    a.send({ body: "   ", key: "k-1" });
    const refusal = fragment(await a.frame((f) => f.includes('role="alert"')));
    const item = refusal.querySelector('hx-partial[hx-target="#pending-k-1"] article[data-state="failed"]');
    expect(item?.querySelector("[role=alert]")?.textContent).toBe("Not sent: Type a message first.");
    // The composer itself is never replaced: a draft typed since stays as it is.
    expect(refusal.querySelector("form.composer, textarea")).toBeNull();
    a.send("{oops");
    const unkeyed = fragment(await a.frame((f) => f.includes("That frame is not valid JSON.")));
    expect(unkeyed.querySelector("[role=alert]")?.textContent).toBe("That frame is not valid JSON.");
    a.send({ body: "fine" });
    await b.frame((f) => f.includes("fine"));
    expect(b.frames.some((f) => f.includes('role="alert"'))).toBe(false);
    expect((await stored()).map((m) => m.body)).toEqual(["fine"]);
  });

  it("replays what a client missed after ?after=, then streams live", async () => {
    const { join, alice, bob, stored } = await setup();
    const a = await join(alice);
    for (const body of ["one", "two", "three"]) a.send({ body });
    await a.frame((f) => f.includes("three"));
    const [first] = await stored();
    const late = await join(bob, `?after=${first?.id}`);
    const replay = await late.frame((f) => f.includes("data-message-id"));
    expect(idsIn(replay)).toEqual((await stored()).slice(1).map((m) => m.id));
    a.send({ body: "live" });
    expect(await late.frame((f) => f.includes("data-message-id"), late.frames.indexOf(replay) + 1)).toContain("live");
  });

  it("leaves its room only once its join has settled, however early it closes", async () => {
    // A slow store (PostgreSQL, say) holds the join; the page goes away meanwhile.
    const store = await openSqlite(":memory:");
    let held: { until: Promise<void>; release: () => void } | null = null;
    const hold = () => {
      let release = () => {};
      held = { until: new Promise<void>((resolve) => (release = resolve)), release };
      return held;
    };
    const join = store.rooms.join;
    store.rooms.join = async (...args) => {
      await held?.until;
      return join(...args);
    };
    // The bus says who listens to which topic; presence says who is here.
    const bus = createMemoryBus();
    const listening = new Map<string, number>();
    const subscribe = bus.subscribe;
    bus.subscribe = async (topic, handler) => {
      listening.set(topic, (listening.get(topic) ?? 0) + 1);
      const unsubscribe = await subscribe(topic, handler);
      return async () => {
        listening.set(topic, (listening.get(topic) ?? 0) - 1);
        await unsubscribe();
      };
    };
    const presence = createMemoryPresence();
    let left = () => {};
    const gone = new Promise<void>((resolve) => (left = resolve));
    const remove = presence.remove;
    presence.remove = async (...args) => {
      await remove(...args);
      left();
    };
    const { joinRoom, bob, deps } = await setup({ store, bus, presence });
    const room = await deps.store.rooms.findBySlug("general");
    if (!room) throw new Error("no room");

    const { release } = hold();
    const early = await joinRoom(bob, "general");
    early.close();
    release();
    await gone;
    expect(listening.get(roomTopic(room)) ?? 0).toBe(0);
    expect(await presence.list(room.id)).toEqual([]);
  });

  it("ends at once when its session logs out, leaving the person's other sessions open", async () => {
    const { app, join, alice } = await setup();
    const elsewhere = browser(app);
    await elsewhere.postForm("/login", { username: "alice", password: "a long enough secret" });
    const here = await join(alice);
    const there = await join(elsewhere);
    expect((await alice.postForm("/logout", {})).status).toBe(303);
    expect((await here.whenClosed()).code).toBe(closeCodes.unauthenticated);
    there.send({ body: "still signed in over there" });
    await there.frame((f) => f.includes("still signed in over there"));
    expect(there.closed).toBeNull();
  });

  it(`holds at most ${socketLimits.perSession} open at once per session`, async () => {
    const { join, alice } = await setup({ config: loadConfig({ RATE_LIMIT: "on" }) });
    const open = await Promise.all(Array.from({ length: socketLimits.perSession }, () => join(alice)));
    const extra = await join(alice);
    expect((await extra.whenClosed()).code).toBe(closeCodes.rateLimited);
    expect(open.every((socket) => socket.closed === null)).toBe(true);
    open[0]?.close();
    const next = await join(alice);
    next.send({ body: "room for one more" });
    await next.frame((f) => f.includes("room for one more"));
  });

  it("lifts the cap with every other limit under RATE_LIMIT=off (load tests share sessions)", async () => {
    const { join, alice } = await setup();
    const open = await Promise.all(Array.from({ length: socketLimits.perSession + 5 }, () => join(alice)));
    expect(open.every((socket) => socket.closed === null)).toBe(true);
  });
});
