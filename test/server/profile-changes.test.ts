import { describe, expect, it } from "vitest";
import { socketOf } from "../support/client.ts";
import { fragment } from "../support/html.ts";
import { redisAnswers, sharedRedisUrl } from "../support/redis.ts";
import { requirement } from "../support/requirement.ts";
import { roomOnTwoInstances } from "../support/room-server.ts";

const needsRedis = requirement(await redisAnswers(sharedRedisUrl), `Redis at ${sharedRedisUrl}`);
const presentIn = (html: string) =>
  [...fragment(html).querySelectorAll("ul.present .present-name")].map((name) => name.textContent);
const isPresence = (frame: string) => frame.includes('class="present"');

describe.skipIf(needsRedis.skip)("a display-name change with several instances", () => {
  const room = roomOnTwoInstances(`Names ${Date.now()}`, () => ({ REDIS_URL: sharedRedisUrl }));

  it("reaches sockets another instance holds: Here now and the next message show the new name", async () => {
    const [a, b] = room.instances;
    if (!a || !b) throw new Error("two instances expected");
    // Bob's socket is on instance A; he saves his profile through instance B.
    const aliceOnA = socketOf(room.alice, a.url, room.slug);
    await aliceOnA.opened;
    await aliceOnA.frame((f) => isPresence(f) && f.includes("alice"));
    const bobOnA = socketOf(room.bob, a.url, room.slug);
    await bobOnA.opened;
    await aliceOnA.frame((f) => isPresence(f) && f.includes("bob"));

    const seen = aliceOnA.frames.length;
    const form = new FormData();
    form.set("display_name", "Robert");
    form.set("bio", "");
    const saved = await room.bob.call("/settings/profile", { method: "POST", body: form });
    expect(saved.status).toBe(303);
    expect(presentIn(await aliceOnA.frame((f) => isPresence(f) && f.includes("Robert"), seen))).toEqual([
      "alice",
      "Robert",
    ]);

    bobOnA.send({ body: "Robert here" });
    const said = fragment(await aliceOnA.frame((f) => f.includes("Robert here"), seen));
    expect(said.querySelector(".author")?.textContent).toBe("Robert");
    aliceOnA.close();
    bobOnA.close();
  });
});
