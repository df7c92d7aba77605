import { describe, expect, it } from "vitest";
import { socketOf } from "../support/client.ts";
import { countMessagesIn, idsIn } from "../support/html.ts";
import { redisAnswers, sharedRedisUrl } from "../support/redis.ts";
import { requirement } from "../support/requirement.ts";
import { roomOnTwoInstances } from "../support/room-server.ts";

const needsRedis = requirement(await redisAnswers(sharedRedisUrl), `Redis at ${sharedRedisUrl}`);

/** Two real instances sharing one SQLite file and one Redis, as the README runs them. */
describe.skipIf(needsRedis.skip)("several instances through Redis", () => {
  const room = roomOnTwoInstances(`Everyone ${Date.now()}`, () => ({ REDIS_URL: sharedRedisUrl }));

  it("delivers 200 messages sent through both instances to every socket once, stored once, in id order on every page", async () => {
    await room.alice.post(room.slug, "before anyone joined");
    const sockets = await room.everyoneEverywhere("before anyone joined");
    const [aliceOnA, , , bobOnB] = sockets;
    if (!aliceOnA || !bobOnB) throw new Error("four sockets expected");

    const started = performance.now();
    for (let i = 0; i < 200; i++) (i % 2 ? bobOnB : aliceOnA).send({ body: `message ${i} via ${i % 2 ? "b" : "a"}` });
    await Promise.all(sockets.map((socket) => socket.frame(() => countMessagesIn(socket.frames) >= 201)));
    const elapsed = performance.now() - started;
    console.log(`scale-out: 200 messages through 2 instances reached 4 sockets in ${elapsed.toFixed(0)} ms`);

    const stored = await room.alice.messages(room.slug);
    expect(stored).toHaveLength(201);
    expect(new Set(stored.map((m) => m.body)).size).toBe(201);
    // Each instance hands its own messages to its sockets at once and the other's as Redis brings
    // them, so arrival orders differ between instances; the page sorts by id, and so does this.
    const orders = sockets.map((socket) => socket.frames.flatMap(idsIn));
    for (const order of orders) {
      expect(new Set(order).size).toBe(order.length); // once each
      expect([...order].sort((x, y) => x - y)).toEqual(stored.map((m) => m.id));
    }
    const [firstOnA, secondOnA, firstOnB, secondOnB] = orders;
    expect(secondOnA).toEqual(firstOnA); // the sockets of one instance got one stream
    expect(secondOnB).toEqual(firstOnB);

    for (const instance of room.instances) {
      expect(await (await fetch(`${instance.url}/healthz`)).json()).toMatchObject({ status: "ok", bus: "up" });
    }
    for (const socket of sockets) socket.close();
  });

  it("ends a session's sockets on every instance when it logs out on one", async () => {
    const [a, b] = room.instances;
    if (!a || !b) throw new Error("two instances expected");
    const onB = socketOf(room.alice, b.url, room.slug);
    await onB.opened;
    const bobOnB = socketOf(room.bob, b.url, room.slug);
    await bobOnB.opened;
    expect((await room.alice.call("/logout", { method: "POST" })).status).toBe(303);
    expect((await onB.closed).code).toBe(4401);
    bobOnB.send({ body: "bob is still here" });
    await bobOnB.frame((f) => f.includes("bob is still here"));
    bobOnB.close();
  });
});
