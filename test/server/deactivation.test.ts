import { describe, expect, it } from "vitest";
import { socketOf } from "../support/client.ts";
import { redisAnswers, sharedRedisUrl } from "../support/redis.ts";
import { requirement } from "../support/requirement.ts";
import { roomOnTwoInstances } from "../support/room-server.ts";

const needsRedis = requirement(await redisAnswers(sharedRedisUrl), `Redis at ${sharedRedisUrl}`);

/**
 * Alice made the first account, so she administers; bob has the room open on both instances.
 * Deactivating him on one instance closes his sockets on both at once (4401, as a log-out does)
 * and no one else's; his page cannot come back on either, and his messages stay.
 */
describe.skipIf(needsRedis.skip)("deactivating a person on several instances", () => {
  const room = roomOnTwoInstances(`Deactivation ${Date.now()}`, () => ({ REDIS_URL: sharedRedisUrl }));

  it("closes their open sockets on every instance at once, and refuses them again", async () => {
    const [a, b] = room.instances;
    if (!a || !b) throw new Error("two instances expected");
    await room.bob.post(room.slug, "said before");
    const [aliceOnA, bobOnA, aliceOnB, bobOnB] = await room.everyoneEverywhere("said before");
    if (!aliceOnA || !bobOnA || !aliceOnB || !bobOnB) throw new Error("four sockets expected");

    const done = await room.alice.call("/admin/people/bob/deactivate", { method: "POST", redirect: "manual" });
    expect(done.status).toBe(303);
    for (const socket of [bobOnA, bobOnB]) expect((await socket.closed).code).toBe(4401);

    await room.alice.post(room.slug, "still here");
    await Promise.all([aliceOnA, aliceOnB].map((socket) => socket.frame((frame) => frame.includes("still here"))));
    for (const url of [a.url, b.url]) expect((await socketOf(room.bob, url, room.slug).closed).code).toBe(4401);
    expect((await room.alice.messages(room.slug)).map((message) => message.body)).toContain("said before");
    aliceOnA.close();
    aliceOnB.close();
  });
});
