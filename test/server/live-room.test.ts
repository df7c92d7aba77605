import { describe, expect, it } from "vitest";
import { socketOf } from "../support/client.ts";
import { fragment } from "../support/html.ts";
import { redisAnswers, sharedRedisUrl } from "../support/redis.ts";
import { requirement } from "../support/requirement.ts";
import { roomOnTwoInstances } from "../support/room-server.ts";

const needsRedis = requirement(await redisAnswers(sharedRedisUrl), `Redis at ${sharedRedisUrl}`);

const presentIn = (html: string) => [...fragment(html).querySelectorAll("ul.present li")].map((li) => li.textContent);
const listing = (names: string[]) => (frame: string) =>
  frame.includes('class="present"') && JSON.stringify(presentIn(frame)) === JSON.stringify(names);

/** Presence and typing between two real instances sharing Redis, over real WebSockets. */
describe.skipIf(needsRedis.skip)("a live room across two instances", () => {
  const room = roomOnTwoInstances(`Live ${Date.now()}`, () => ({ REDIS_URL: sharedRedisUrl }));

  it("shows who is here whichever instance they are on, and drops a killed socket at once", async () => {
    const [one, two] = room.instances;
    if (!one || !two) throw new Error("two instances expected");
    const alice = socketOf(room.alice, one.url, room.slug);
    await alice.frame(listing(["alice"]));

    const bob = socketOf(room.bob, two.url, room.slug);
    await alice.frame(listing(["alice", "bob"]));
    await bob.frame(listing(["alice", "bob"]));

    // Bob's connection dies without a goodbye (no close frame): he leaves alice's list at once.
    const from = alice.frames.length;
    bob.ws.terminate();
    await alice.frame(listing(["alice"]), from);
    alice.close();
  });

  it("passes typing on to the other instance's people, never back to the typist", async () => {
    const [one, two] = room.instances;
    if (!one || !two) throw new Error("two instances expected");
    const alice = socketOf(room.alice, one.url, room.slug);
    const bob = socketOf(room.bob, two.url, room.slug);
    const bobElsewhere = socketOf(room.bob, one.url, room.slug);
    await alice.frame(listing(["alice", "bob"]));
    await bobElsewhere.frame(listing(["alice", "bob"]));

    bob.send({ typing: true });
    const typing = fragment(await alice.frame((f) => f.includes("is typing")));
    expect(typing.querySelector(".typist")?.textContent).toBe("bob is typing…");
    bob.send({ body: "done typing" });
    await alice.frame((f) => f.includes('hx-swap="delete"') && f.includes("typing-room-"));
    await bobElsewhere.frame((f) => f.includes("done typing"));
    expect([...bob.frames, ...bobElsewhere.frames].some((f) => f.includes("is typing"))).toBe(false);
    for (const socket of [alice, bob, bobElsewhere]) socket.close();
  });
});
