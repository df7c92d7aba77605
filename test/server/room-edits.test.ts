import { describe, expect, it } from "vitest";
import { socketOf } from "../support/client.ts";
import { fragment } from "../support/html.ts";
import { redisAnswers, sharedRedisUrl } from "../support/redis.ts";
import { requirement } from "../support/requirement.ts";
import { roomOnTwoInstances } from "../support/room-server.ts";

const needsRedis = requirement(await redisAnswers(sharedRedisUrl), `Redis at ${sharedRedisUrl}`);

describe.skipIf(needsRedis.skip)("a room's owner changes it, with several instances", () => {
  const room = roomOnTwoInstances(`Edits ${Date.now()}`, () => ({ REDIS_URL: sharedRedisUrl }));

  it("reaches sockets another instance holds: the new name and topic", async () => {
    const [, b] = room.instances;
    if (!b) throw new Error("two instances expected");
    // Alice saves through instance A; Bob's page is open on instance B.
    expect((await room.bob.call(`/rooms/${room.slug}/join`, { method: "POST" })).status).toBe(303);
    const bobOnB = socketOf(room.bob, b.url, room.slug);
    await bobOnB.opened;
    await bobOnB.frame((f) => f.includes("here-room-"));

    const form = { method: "POST", body: new URLSearchParams({ name: "Renamed", topic: "Over Redis" }) };
    expect((await room.alice.call(`/rooms/${room.slug}/settings`, form)).status).toBe(303);
    const live = fragment(await bobOnB.frame((f) => f.includes("name-room-")));
    expect(live.querySelector("h1")?.textContent).toBe("Renamed");
    expect(live.querySelector(".topic")?.textContent).toBe("Over Redis");

    bobOnB.close();
  });
});
