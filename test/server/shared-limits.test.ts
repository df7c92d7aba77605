import { describe, expect, it } from "vitest";
import { caller, defaultPassword } from "../../scripts/parley-http.ts";
import { connect } from "../../src/bus/redis.ts";
import { closeCodes } from "../../src/delivery/close-codes.ts";
import { socketLimits } from "../../src/delivery/socket-limits.ts";
import { messageLimit } from "../../src/rooms/rate-limit.ts";
import { socketOf } from "../support/client.ts";
import { crash, hasRedisServer, ownRedis } from "../support/redis.ts";
import { requirement } from "../support/requirement.ts";
import { roomOnTwoInstances } from "../support/room-server.ts";

const needsRedis = requirement(hasRedisServer(), "redis-server (this test starts its own, to stop it)");

/** Two instances with their limits on, sharing a Redis of the test's own. */
describe.skipIf(needsRedis.skip)("rate limits across instances", () => {
  const redis = ownRedis();
  const room = roomOnTwoInstances("Limits", () => ({ REDIS_URL: redis.url, RATE_LIMIT: "on" }));
  const json = (body: string) => ({
    method: "POST",
    body: JSON.stringify({ body }),
    headers: { "content-type": "application/json" },
  });

  it("hold a sender to one allowance: a burst spent on one instance is refused on the other", async () => {
    const [a, b] = room.instances;
    if (!a || !b) throw new Error("two instances expected");
    const onA = caller(a.url, room.bob.cookie);
    const onB = caller(b.url, room.bob.cookie);
    // The message limit: a burst of 60, then 5 a second. Spent on A, as fast as the API takes them:
    // the whole burst, and as many more as refilled meanwhile (the machine's speed, so only logged).
    let sent = 0;
    const started = performance.now();
    while ((await onA(`/api/rooms/${room.slug}/messages`, json(`burst ${sent}`))).status === 201) sent++;
    expect(sent).toBeGreaterThanOrEqual(messageLimit.burst);
    console.log(`limits: A took ${sent} messages in ${(performance.now() - started).toFixed(0)} ms before refusing`);
    // Ten at once on B: B's own bucket would take them all; the shared one only what refilled
    // since (one every 200 ms, so a busy machine may let one or two through, never all ten).
    const onBoth = await Promise.all(
      Array.from({ length: 10 }, (_, i) => onB(`/api/rooms/${room.slug}/messages`, json(`elsewhere ${i}`))),
    );
    const refused = onBoth.find((response) => response.status === 429);
    if (!refused) throw new Error("B took all ten: the burst spent on A was not shared");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("hold guesses at one person's password wherever they are sent", async () => {
    const [a, b] = room.instances;
    if (!a || !b) throw new Error("two instances expected");
    const login = (url: string, password: string) =>
      caller(url)("/login", { method: "POST", body: new URLSearchParams({ username: "alice", password }) });
    // Ten guesses per account a minute, five through each instance.
    for (let n = 0; n < 10; n++) expect((await login(n % 2 ? b.url : a.url, `wrong-${n}-guess`)).status).toBe(401);
    const held = await login(b.url, defaultPassword);
    expect(held.status).toBe(429);
  });

  it("cap a session's open sockets over both instances", async () => {
    const [a, b] = room.instances;
    if (!a || !b) throw new Error("two instances expected");
    const raw = connect(redis.url, "test", { enableOfflineQueue: true });
    const onA = Array.from({ length: socketLimits.perSession }, () => socketOf(room.alice, a.url, room.slug));
    await Promise.all(onA.map((socket) => socket.opened));
    // Counted in Redis right after each opened (the count sends no event).
    await expect
      .poll(async () => {
        const [key] = await raw.keys("*:open:session-sockets:*");
        return key ? raw.zcard(key) : 0;
      })
      .toBe(socketLimits.perSession);
    const onB = socketOf(room.alice, b.url, room.slug);
    expect((await onB.closed).code).toBe(closeCodes.rateLimited);
    for (const socket of onA) socket.close();
    raw.disconnect();
  });

  it("keep chat going when Redis is gone: each instance limits on its own", async () => {
    const [, b] = room.instances;
    if (!b) throw new Error("two instances expected");
    if (redis.child) await crash(redis.child);
    const sent = await caller(b.url, room.alice.cookie)(`/api/rooms/${room.slug}/messages`, json("Redis is down"));
    expect(sent.status).toBe(201);
    expect((await room.alice.messages(room.slug)).at(-1)?.body).toBe("Redis is down");
  });
});
