import { describe, expect, it } from "vitest";
import { pageSizes } from "../../src/rooms/history.ts";
import { type openRoomSocket, signUpOver } from "../support/client.ts";
import { carriesMessages, fragment, idsIn } from "../support/html.ts";
import { roomServer } from "../support/room-server.ts";

const replayLimit = pageSizes.replay;

/** Delivery across drops and retries: nothing lost, nothing doubled, one order. */
describe("delivery guarantees", () => {
  const room = roomServer();
  const sendAndAwait = async (from: ReturnType<typeof openRoomSocket>, count: number, prefix: string) => {
    const start = from.frames.length;
    for (let n = 1; n <= count; n++) from.send({ body: `${prefix} ${n}` });
    await from.frame((f) => f.includes(`${prefix} ${count}<`), start);
  };

  it("replays exactly what a dropped socket missed, in order, then streams live", async () => {
    const watcher = await room.socket(room.alice, "?after=0");
    const sender = await room.socket(room.bob);
    const start = (await room.alice.messages(room.slug)).at(-1)?.id ?? 0;

    // The watcher drops mid-stream: after the 30th message; the other 70 follow while it is away.
    const thirtieth = watcher.frame((f) => f.includes("burst 30<"));
    await sendAndAwait(sender, 30, "burst");
    await thirtieth;
    watcher.close();
    await watcher.closed;
    await sendAndAwait(sender, 70, "later");

    const seen = watcher.frames.flatMap(idsIn);
    const lastSeen = Math.max(...seen);
    const stored = (await room.alice.messages(room.slug)).map((m) => m.id).filter((id) => id > start);
    expect(stored).toHaveLength(100);

    const back = await room.socket(room.alice, `?after=${lastSeen}`);
    const replay = idsIn(await back.frame(carriesMessages));
    expect(replay).toEqual(stored.filter((id) => id > lastSeen));
    expect([...seen.filter((id) => id > start), ...replay]).toEqual(stored);

    sender.send({ body: "live after replay" });
    expect(await back.frame(carriesMessages, 1)).toContain("live after replay");
    back.close();
    sender.close();
  });

  it(`sends a client more than ${replayLimit} messages behind to the latest page instead`, async () => {
    const sender = await room.socket(room.bob);
    const before = (await room.alice.messages(room.slug)).at(-1)?.id ?? 0;
    await sendAndAwait(sender, replayLimit + 20, "flood");
    const back = await room.socket(room.alice, `?after=${before}`);
    const jump = fragment(await back.frame(carriesMessages));
    const list = jump.querySelector('hx-partial[hx-swap="outerHTML"] .messages');
    expect(list?.querySelectorAll("article")).toHaveLength(50);
    expect(list?.querySelector("article:last-child .body")?.textContent).toBe(`flood ${replayLimit + 20}`);
    expect(jump.querySelector(".older button")).not.toBeNull();
    back.close();
    sender.close();
  });

  it("stores a frame sent twice with the same key once, and acknowledges both to the sender only", async () => {
    const sender = await room.socket(room.alice);
    const other = await room.socket(room.bob);
    const frame = { body: "exactly once", key: "tab1nonce-1" };
    const isAck = (f: string) => f.includes('hx-target="#pending-tab1nonce-1"');
    sender.send(frame);
    const firstAck = await sender.frame(isAck);
    sender.send(frame);
    const secondAck = await sender.frame(isAck, sender.frames.indexOf(firstAck) + 1);
    expect(idsIn(secondAck)).toEqual(idsIn(firstAck));
    expect(idsIn(firstAck)).toHaveLength(1);

    const stored = (await room.bob.messages(room.slug)).filter((m) => m.body === "exactly once");
    expect(stored).toHaveLength(1);
    // Bob saw one broadcast and no acknowledgement.
    const start = other.frames.length;
    sender.send({ body: "marker" });
    await other.frame((f) => f.includes("marker<"), start);
    expect(other.frames.filter((f) => f.includes("exactly once"))).toHaveLength(1);
    expect(other.frames.some((f) => f.includes("pending-"))).toBe(false);
    sender.close();
    other.close();
  });

  it("keeps one order for concurrent senders: every client's list matches the database", async () => {
    const clients = [room.alice, room.bob, await signUpOver(room.server.url, "carol")];
    const sockets = await Promise.all(clients.map((c) => room.socket(c)));
    const before = (await room.alice.messages(room.slug)).at(-1)?.id ?? 0;
    await Promise.all(sockets.map((s, i) => sendAndAwait(s, 30, `c${i}`)));
    const stored = (await room.alice.messages(room.slug, before)).map((m) => m.id);
    expect(stored).toHaveLength(90);
    for (const socket of sockets) {
      await socket.frame((f) => idsIn(f).includes(stored.at(-1) as number));
      // What the browser's upsert-by-id list would hold: each id once, in id order.
      const shown = [...new Set(socket.frames.flatMap(idsIn))].filter((id) => id > before).sort((a, b) => a - b);
      expect(shown).toEqual(stored);
    }
    for (const socket of sockets) socket.close();
  });

  it("answers a retried API post (same Idempotency-Key) with the first message", async () => {
    const post = () =>
      room.alice.call(`/api/rooms/${room.slug}/messages`, {
        method: "POST",
        body: JSON.stringify({ body: "retried" }),
        headers: { "content-type": "application/json", "idempotency-key": "deploy-42" },
      });
    const first = await post();
    const second = await post();
    expect([first.status, second.status]).toEqual([201, 200]);
    expect((await second.json()).message.id).toBe((await first.json()).message.id);
  });
});
