import { describe, expect, it } from "vitest";
import { fragment } from "../support/html.ts";
import { hasRedisServer } from "../support/redis.ts";
import { requirement } from "../support/requirement.ts";
import { roomOnTwoInstancesOverOwnRedis } from "../support/room-server.ts";

const needsRedis = requirement(hasRedisServer(), "redis-server (the test starts its own)");

/** An edit, a reaction and a deletion made through one instance, on pages served by the other. */
describe.skipIf(needsRedis.skip)("changes between two instances", () => {
  const { room, redis, busIs } = roomOnTwoInstancesOverOwnRedis("Corrections");

  /** The text a frame's replacement of message `id` shows, if the frame replaces it. */
  const replacedText = (frame: string, id: number) =>
    fragment(frame).querySelector(`hx-partial[hx-target="#message-${id}"] .body`)?.textContent;
  const idOf = async (body: string) => {
    const stored = await room.alice.messages(room.slug);
    const found = stored.find((message) => message.body === body);
    if (!found) throw new Error(`no message "${body}"`);
    return found.id;
  };
  const patch = (id: number, body: string) =>
    room.alice.call(`/api/rooms/${room.slug}/messages/${id}`, {
      method: "PATCH",
      body: JSON.stringify({ body }),
      headers: { "content-type": "application/json" },
    });

  it("reach the other instance's pages live, and after a Redis outage too", async () => {
    await room.alice.post(room.slug, "the plan: tuesdy");
    const [aliceOnA, , , bobOnB] = await room.everyoneEverywhere("the plan: tuesdy");
    if (!aliceOnA || !bobOnB) throw new Error("sockets expected");
    const id = await idOf("the plan: tuesdy");

    // Live: edited through A (its socket), seen on B.
    aliceOnA.send({ edit: id, body: "the plan: tuesday" });
    await bobOnB.frame((frame) => replacedText(frame, id) === "the plan: tuesday");

    // During an outage: edited through A (the API), which B's pages cannot hear of…
    await redis.crash();
    await busIs("down");
    const seen = bobOnB.frames.length;
    expect((await patch(id, "the plan: wednesday")).status).toBe(200);
    // …until Redis is back: B replays what changed meanwhile to its own pages.
    await redis.restart();
    await busIs("up");
    const replayed = await bobOnB.frame((frame) => replacedText(frame, id) === "the plan: wednesday", seen);
    expect(fragment(replayed).querySelector("i[data-change]")?.getAttribute("data-change")).toBe("2");

    for (const socket of [aliceOnA, bobOnB]) socket.close();
  }, 60_000);
});
