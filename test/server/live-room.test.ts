import { describe, expect, it } from "vitest";
import { socketOf } from "../support/client.ts";
import { fragment } from "../support/html.ts";
import { redisAnswers, sharedRedisUrl } from "../support/redis.ts";
import { requirement } from "../support/requirement.ts";
import { roomOnTwoInstances } from "../support/room-server.ts";

const needsRedis = requirement(await redisAnswers(sharedRedisUrl), `Redis at ${sharedRedisUrl}`);

/** The list a page shows after swapping the frame: a frame may carry several updates, the last one stands. */
const presentIn = (html: string) =>
  [...([...fragment(html).querySelectorAll("ul.present")].at(-1)?.querySelectorAll(".present-name") ?? [])].map(
    (name) => name.textContent,
  );
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
    // Bob's other page (instance one) may put him in the list before this one is open: wait for each.
    await alice.frame(listing(["alice", "bob"]));
    await bob.frame(listing(["alice", "bob"]));
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

  it("counts unread messages and mentions live across instances, and clears them when read on either", async () => {
    const [one, two] = room.instances;
    if (!one || !two) throw new Error("two instances expected");
    const elsewhere = await room.alice.createRoom(`Elsewhere ${Date.now()}`);
    const counts = (frame: string) => fragment(frame).querySelector(`[id^="unread-room-"]`)?.textContent ?? null;
    const aboutRoom = (frame: string) => frame.includes("unread-room-") && !frame.includes("latest-room-");
    // Alice reads another room on instance one; her sidebar counts the shared room.
    const watching = socketOf(room.alice, one.url, elsewhere);
    await watching.frame((f) => f.includes("unread-room-"));

    let from = watching.frames.length;
    await room.bob.post(room.slug, "hi @alice, from the other instance");
    expect(counts(await watching.frame(aboutRoom, from))).toMatch(/^@1 mention\d+ unread$/);

    // She opens the shared room on instance two and reads: instance one's page clears it.
    const reading = socketOf(room.alice, two.url, room.slug);
    await reading.frame((f) => f.includes('class="present"'));
    const newest = (await room.alice.messages(room.slug)).at(-1)?.id ?? 0;
    from = watching.frames.length;
    reading.send({ read: String(newest) });
    expect(counts(await watching.frame(aboutRoom, from))).toBe("");
    watching.close();
    reading.close();
  });
});
