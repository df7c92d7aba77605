import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, signUpOver, socketOf } from "../support/client.ts";
import { carriesMessages, idsIn } from "../support/html.ts";
import { createTestDatabase, postgresAnswers, type TestDatabase } from "../support/postgres.ts";
import { redisAnswers, sharedRedisUrl } from "../support/redis.ts";
import { requirement } from "../support/requirement.ts";
import { type RunningServer, removeDataDir, startServer } from "../support/server.ts";

const needsBoth = requirement(
  (await redisAnswers(sharedRedisUrl)) && (await postgresAnswers()),
  `Redis at ${sharedRedisUrl} and PostgreSQL (the many-hosts test)`,
);

/**
 * Waits until `count` messages reached the socket, reading each frame once (a count over every
 * frame at every arrival would cost more than the delivery itself).
 */
async function allArrived(socket: ReturnType<typeof socketOf>, count: number) {
  let seen = 0;
  for (let next = 0; seen < count; ) {
    const frame = await socket.frame(() => true, next);
    next = socket.frames.indexOf(frame, next) + 1;
    seen += frame.split('data-message-id="').length - 1;
  }
}

const senders = 8;
const perSender = 200;

/**
 * Two instances as on two hosts: separate data folders, one PostgreSQL, one Redis. Concurrent
 * senders on both must leave every socket with every message once, in one order, and a
 * reconnect from any message must miss nothing.
 */
describe.skipIf(needsBoth.skip)("many hosts: PostgreSQL and Redis", () => {
  let database: TestDatabase;
  let instances: RunningServer[] = [];
  let people: Client[] = [];
  let slug = "";

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = { DATABASE_URL: database.url, REDIS_URL: sharedRedisUrl };
    instances = await Promise.all([0, 1].map(() => startServer({ env })));
    people = await Promise.all(
      Array.from({ length: senders }, (_, n) => signUpOver((instances[n % 2] as RunningServer).url, `sender${n}`)),
    );
    slug = await (people[0] as Client).createRoom("Everywhere");
  });

  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
    for (const instance of instances) removeDataDir(instance);
    await database?.drop();
  });

  it(`delivers ${senders} concurrent senders × ${perSender} messages through both instances to every socket once, in one order`, async () => {
    const url = (n: number) => (instances[n % 2] as RunningServer).url;
    const sockets = people.map((person, n) => socketOf(person, url(n), slug));
    await Promise.all(sockets.map((socket) => socket.frame((f) => f.includes('class="present"'))));

    const started = performance.now();
    sockets.forEach((socket, n) => {
      for (let i = 0; i < perSender; i++) socket.send({ body: `sender ${n} message ${i}` });
    });
    const total = senders * perSender;
    await Promise.all(sockets.map((socket) => allArrived(socket, total)));
    console.log(
      `many hosts: ${total} messages from ${senders} senders reached ${senders} sockets in ${(performance.now() - started).toFixed(0)} ms`,
    );

    const stored = await (people[0] as Client).messages(slug);
    expect(stored).toHaveLength(total);
    expect(new Set(stored.map((m) => m.body)).size).toBe(total);
    const storedIds = stored.map((m) => m.id);
    for (const socket of sockets) {
      const seen = socket.frames.flatMap(idsIn);
      expect(new Set(seen).size).toBe(seen.length);
      expect([...seen].sort((x, y) => x - y)).toEqual(storedIds);
    }
    // Each sender's own messages are stored in the order it sent them.
    for (let n = 0; n < senders; n++) {
      const own = stored.filter((m) => m.body.startsWith(`sender ${n} `)).map((m) => Number(m.body.split(" ").at(-1)));
      expect(own).toEqual([...own].sort((x, y) => x - y));
    }

    // A reconnect from any of the last messages, on either instance, gets exactly what followed
    // it: within a room ids follow commit order on PostgreSQL too, so no margin is replayed.
    for (const [k, cut] of [total - 1, total - 37, total - 150].entries()) {
      const after = storedIds[cut - 1] as number;
      const back = socketOf(people[k] as Client, url(k), slug, `?after=${after}`);
      const frame = await back.frame(carriesMessages);
      expect(idsIn(frame)).toEqual(storedIds.slice(cut));
      back.close();
    }
    for (const socket of sockets) socket.close();
  }, 90_000);
});
