import { describe, expect, it } from "vitest";
import { socketOf } from "../support/client.ts";
import { fragment } from "../support/html.ts";
import { redisAnswers, sharedRedisUrl } from "../support/redis.ts";
import { requirement } from "../support/requirement.ts";
import { roomOnTwoInstances } from "../support/room-server.ts";

const needsRedis = requirement(await redisAnswers(sharedRedisUrl), `Redis at ${sharedRedisUrl}`);

/**
 * Alice (the owner, on the first instance) removes bob, whose room is open on the second: his
 * socket there closes at once, told why, and nobody else's does. Then she deletes the room:
 * every socket of it closes on both instances.
 */
describe.skipIf(needsRedis.skip)("removing a person on several instances", () => {
  const room = roomOnTwoInstances(`Members ${Date.now()}`, () => ({ REDIS_URL: sharedRedisUrl }));
  const endingText = (frame: string) => fragment(frame).querySelector(".connection-ending")?.getAttribute("data-text");

  it("closes the removed person's socket on the other instance at once, and later every socket of the deleted room", async () => {
    const [a, b] = room.instances;
    if (!a || !b) throw new Error("two instances expected");
    expect((await room.bob.call(`/rooms/${room.slug}/join`, { method: "POST" })).status).toBe(303);
    await room.alice.post(room.slug, "everyone here");
    const bobOnB = socketOf(room.bob, b.url, room.slug, "?after=0");
    const aliceOnB = socketOf(room.alice, b.url, room.slug, "?after=0");
    const aliceOnA = socketOf(room.alice, a.url, room.slug, "?after=0");
    const sockets = [bobOnB, aliceOnB, aliceOnA];
    await Promise.all(sockets.map((socket) => socket.frame((f) => f.includes("everyone here"))));

    const removed = await room.alice.call(`/rooms/${room.slug}/members/bob/remove`, { method: "POST" });
    expect(removed.status).toBe(303);
    expect(await bobOnB.closed).toEqual({ code: 4403, reason: "removed" });
    expect(endingText(bobOnB.frames.at(-1) ?? "")).toMatch(/^You were removed from Members \d+\.$/);

    // Everyone else streams on, on both instances.
    await room.alice.post(room.slug, "without bob");
    await Promise.all([aliceOnB, aliceOnA].map((socket) => socket.frame((f) => f.includes("without bob"))));
    expect(bobOnB.frames.some((f) => f.includes("without bob"))).toBe(false);

    const name = (await (await room.alice.call("/api/rooms")).json()).rooms.find(
      (r: { slug: string }) => r.slug === room.slug,
    ).name;
    const deleted = await room.alice.call(`/rooms/${room.slug}/delete`, {
      method: "POST",
      body: new URLSearchParams({ confirm: name }),
    });
    expect(deleted.status).toBe(303);
    for (const socket of [aliceOnB, aliceOnA]) {
      expect(await socket.closed).toEqual({ code: 4404, reason: "deleted" });
      expect(endingText(socket.frames.at(-1) ?? "")).toBe(`${name} was deleted.`);
    }
  });
});
