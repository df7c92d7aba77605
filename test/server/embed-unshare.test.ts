import { describe, expect, it } from "vitest";
import { openSocket } from "../support/client.ts";
import { redisAnswers, sharedRedisUrl } from "../support/redis.ts";
import { requirement } from "../support/requirement.ts";
import { roomOnTwoInstances } from "../support/room-server.ts";

const needsRedis = requirement(await redisAnswers(sharedRedisUrl), `Redis at ${sharedRedisUrl}`);
const site = "http://docs.example.com";

/**
 * A room shared with a site, read and written from its embed on two instances; its creator
 * un-shares it on one. Every embed socket of the room closes with 4404 on both instances at once,
 * as the page then says "This room is no longer shared here.", rather than streaming on.
 */
describe.skipIf(needsRedis.skip)("un-sharing an embedded room on several instances", () => {
  const room = roomOnTwoInstances(`Shared ${Date.now()}`, () => ({ REDIS_URL: sharedRedisUrl }));

  const settings = (fields: Record<string, string>) =>
    room.alice.call(`/rooms/${room.slug}/settings`, { method: "POST", body: new URLSearchParams(fields) });

  it("closes every reader's and guest's socket of the room on every instance, and no other", async () => {
    const [a, b] = room.instances;
    if (!a || !b) throw new Error("two instances expected");
    expect((await settings({ allowed_origins: site, guests: "on" })).status).toBe(303);

    const guest = await fetch(`${b.url}/embed/${room.slug}/guest`, {
      method: "POST",
      body: new URLSearchParams({ nickname: "Grace" }),
      headers: { origin: b.url },
      redirect: "manual",
    });
    expect(guest.status).toBe(303);
    const session = new URL(guest.headers.get("location") ?? "", b.url).searchParams.get("session");
    expect(session).toBeTruthy();

    const readerOnA = openSocket(a.url, `/embed/${room.slug}/ws?after=0`, { origin: a.url });
    const readerOnB = openSocket(b.url, `/embed/${room.slug}/ws?after=0`, { origin: b.url });
    const guestOnB = openSocket(b.url, `/embed/${room.slug}/ws?after=0&session=${session}`, { origin: b.url });
    const memberOnB = openSocket(b.url, `/rooms/${room.slug}/ws?after=0`, { origin: b.url, cookie: room.bob.cookie });
    await room.alice.post(room.slug, "still shared");
    const embeds = [readerOnA, readerOnB, guestOnB];
    await Promise.all([...embeds, memberOnB].map((socket) => socket.frame((f) => f.includes("still shared"))));

    expect((await settings({ allowed_origins: "" })).status).toBe(303);
    for (const socket of embeds) expect((await socket.closed).code).toBe(4404);

    // The room's own members stay: un-sharing is about other sites only.
    await room.alice.post(room.slug, "members only now");
    await memberOnB.frame((f) => f.includes("members only now"));
    memberOnB.close();

    const again = openSocket(b.url, `/embed/${room.slug}/ws?after=0`, { origin: b.url });
    expect((await again.closed).code).toBe(4404);
  });
});
