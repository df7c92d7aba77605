import { describe, expect, it } from "vitest";
import { eventually } from "../support/eventually.ts";
import { crash, hasRedisServer, ownRedis, startRedis } from "../support/redis.ts";
import { requirement } from "../support/requirement.ts";
import { roomServer } from "../support/room-server.ts";

const needsRedis = requirement(hasRedisServer(), "redis-server (the outage log test starts its own)");

/** How long the outage lasts: past presence's command timeout (2 s), as a real one (10 s in a soak) does. */
const hangMs = 3_500;
const socketsEach = 12;

/**
 * One instance with many sockets on a Redis of the test's own that hangs or crashes while the pages do what
 * pages do: type, mark read, send, leave and come back. Each outage used to log a stack per socket
 * and command (about 3,100 lines per instance in a soak); the log should say it once.
 */
describe.skipIf(needsRedis.skip)("the log of a Redis outage", () => {
  const redis = ownRedis(); // registered first: up before the server starts
  // Warnings and errors: what an outage says. Every request's own line (pages coming back are
  // requests) is info, one per request by design, and not what this counts.
  const room = roomServer(() => ({ REDIS_URL: redis.url, RATE_LIMIT: "on", LOG_LEVEL: "warn" }));

  const busBecomes = (bus: "up" | "down") =>
    eventually(`bus ${bus}`, async () => {
      const report = await (await fetch(`${room.server.url}/healthz`)).json();
      return report.bus === bus ? report : undefined;
    });

  it.each(["hangs", "crashes"])(
    "says the outage and the recovery when Redis %s, not every socket's failure",
    async (how) => {
      const clients = [room.alice, room.bob];
      const sockets = await Promise.all(
        Array.from({ length: 2 * socketsEach }, (_, n) => room.socket(clients[n % 2] ?? room.alice, "?after=0")),
      );
      await room.alice.post(room.slug, "before the hang");
      await Promise.all(sockets.map((socket) => socket.frame((frame) => frame.includes("before the hang"))));
      const from = room.server.lines().length;
      const child = redis.child;
      if (!child) throw new Error("no redis");

      if (how === "hangs") child.kill("SIGSTOP");
      else await crash(child);
      let resumed = false;
      try {
        const busy = (async () => {
          const started = Date.now();
          let round = 0;
          while (Date.now() - started < hangMs) {
            round++;
            for (const socket of sockets) socket.send({ typing: "1" });
            for (const socket of sockets) socket.send({ read: String(round) });
            sockets[round % sockets.length]?.send({ body: `in the hang ${round}`, key: `hang-${round}` });
            // Pages leaving and coming back: presence enter and leave, each a command on Redis.
            const leaving = sockets.splice(0, 2);
            for (const socket of leaving) socket.close();
            sockets.push(...(await Promise.all(leaving.map((_, n) => room.socket(clients[n % 2] ?? room.alice)))));
            await new Promise((resolve) => setTimeout(resolve, 250));
          }
        })();
        await busBecomes("down");
        await busy;
      } finally {
        if (how === "hangs") child.kill("SIGCONT");
        else redis.child = await startRedis(Number(new URL(redis.url).port));
        resumed = true;
      }
      expect(resumed).toBe(true);
      await busBecomes("up");
      // Once everything the hang held has answered or timed out: the recovery line is the last word.
      await eventually("the outage to settle in the log", async () => {
        const lines = room.server.lines().slice(from);
        return lines.some((line) => line.includes("is up")) ? lines : undefined;
      });
      const lines = room.server.lines().slice(from);
      console.log(`outage log (${lines.length} lines):\n${lines.join("\n")}`);
      expect(lines.some((line) => line.includes("is down"))).toBe(true);
      // One line per outage and one per recovery from each part, a few at most: not one per socket.
      expect(lines.length).toBeLessThan(socketsEach);
      expect(lines.filter((line) => line.trim().startsWith("at "))).toEqual([]); // no stacks
      for (const socket of sockets) socket.close();
    },
    60_000,
  );
});
