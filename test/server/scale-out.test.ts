import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, openRoomSocket, signUpOver } from "../support/client.ts";
import { countDelivered, delivered, postOver, storedMessages } from "../support/deliveries.ts";
import { redisAnswers, requireRedis, sharedRedisUrl } from "../support/redis.ts";
import { type RunningServer, startServer } from "../support/server.ts";

const available = requireRedis(await redisAnswers(sharedRedisUrl), `Redis at ${sharedRedisUrl}`);

/** Two real instances sharing one SQLite file and one Redis, as the README runs them. */
describe.skipIf(!available)("several instances through Redis", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "parley-scale-out-"));
  let instances: RunningServer[] = [];
  let alice: Client;
  let bob: Client;
  let slug: string;

  beforeAll(async () => {
    // Started together on one fresh file: the second must cope with the first one's migration.
    instances = await Promise.all([0, 1].map(() => startServer({ dataDir, env: { REDIS_URL: sharedRedisUrl } })));
    const [a, b] = instances as [RunningServer, RunningServer];
    alice = await signUpOver(a.url, "alice");
    bob = await signUpOver(b.url, "bob");
    slug = await alice.createRoom(`Everyone ${Date.now()}`);
  });
  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("delivers 200 messages sent through both instances to every socket once, in one order, stored once", async () => {
    const [a, b] = instances as [RunningServer, RunningServer];
    await postOver(alice, slug, "before anyone joined");
    // ?after=0 makes each socket's replay our signal that its instance listens to the room by then.
    const sockets = instances.flatMap((instance) =>
      [alice, bob].map((client) =>
        openRoomSocket(instance.url, slug, { cookie: client.cookie, origin: instance.url }, "?after=0"),
      ),
    );
    await Promise.all(sockets.map((socket) => socket.frame((frame) => frame.includes("before anyone joined"))));
    const [aliceOnA, , , bobOnB] = sockets;
    if (!aliceOnA || !bobOnB) throw new Error("four sockets expected");

    const started = performance.now();
    for (let i = 0; i < 200; i++) (i % 2 ? bobOnB : aliceOnA).send({ body: `message ${i} via ${i % 2 ? "b" : "a"}` });
    await Promise.all(sockets.map((socket) => socket.frame(() => countDelivered(socket.frames) >= 201)));
    const elapsed = performance.now() - started;
    console.log(`scale-out: 200 messages through 2 instances reached 4 sockets in ${elapsed.toFixed(0)} ms`);

    const stored = await storedMessages(alice, slug);
    expect(stored).toHaveLength(201);
    expect(new Set(stored.map((m) => m.body)).size).toBe(201);
    const orders = sockets.map((socket) => delivered(socket.frames).map((m) => m.id));
    for (const order of orders) {
      expect(new Set(order).size).toBe(order.length); // once each
      expect(order).toEqual(orders[0]); // the same order everywhere
    }
    expect([...(orders[0] ?? [])].sort((x, y) => x - y)).toEqual(stored.map((m) => m.id));

    for (const instance of [a, b]) {
      expect(await (await fetch(`${instance.url}/healthz`)).json()).toMatchObject({ status: "ok", bus: "up" });
    }
    for (const socket of sockets) socket.close();
  });
});
