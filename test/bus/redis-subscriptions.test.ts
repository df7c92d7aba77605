import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sparePort } from "../../scripts/spare-port.ts";
import { connect } from "../../src/bus/redis.ts";
import { createSubscriptions } from "../../src/bus/redis-subscriptions.ts";
import { crash, hasRedisServer, listenersOf, redisCommand, startRedis } from "../support/redis.ts";
import { requirement } from "../support/requirement.ts";

const needsRedis = requirement(hasRedisServer(), "redis-server (the subscription tests start their own)");

/** Lets every promise that can settle now settle (one turn of the event loop). */
const settled = () => new Promise((resolve) => setImmediate(resolve));

/** A subscribing connection whose every answer the test gives, command by command. */
function scriptedConnection() {
  type Asked = { command: string; channels: string[]; answer: (error?: Error) => void };
  const asked: Asked[] = [];
  const waiters: (() => void)[] = [];
  const ask =
    (command: string) =>
    (...channels: string[]) =>
      new Promise<unknown>((resolve, reject) => {
        asked.push({ command, channels, answer: (error) => (error ? reject(error) : resolve(channels.length)) });
        for (const wake of waiters.splice(0)) wake();
      });
  let read = 0;
  return {
    connection: { subscribe: ask("subscribe"), unsubscribe: ask("unsubscribe") },
    /** The next command the reconciler sends, once it sends it. */
    async next(): Promise<Asked> {
      while (asked.length <= read) await new Promise<void>((resolve) => waiters.push(resolve));
      return asked[read++] as Asked;
    },
  };
}

/** Subscriptions over a scripted connection, with what they tell the state and the log. */
function scripted() {
  const { connection, next } = scriptedConnection();
  const listening: boolean[] = [];
  const logs: string[] = [];
  const state = { failed: () => {}, listening: (all: boolean) => void listening.push(all), answers: () => true };
  const rooms = createSubscriptions(connection, state, (line) => logs.push(line), 5);
  return { rooms, next, listening, logs };
}

describe("the Redis bus's subscriptions", () => {
  it("resolve a second listener's subscribe only once the room listens", async () => {
    const { rooms, next } = scripted();
    rooms.connected();
    const resolved: string[] = [];
    const first = rooms.subscribe("room:1", () => {}).then(() => resolved.push("first"));
    const second = rooms.subscribe("room:1", () => {}).then(() => resolved.push("second"));
    const asked = await next();
    expect(asked).toMatchObject({ command: "subscribe", channels: ["room:1"] });
    await settled();
    expect(resolved).toEqual([]);
    asked.answer();
    await Promise.all([first, second]);
    expect(resolved).toEqual(["first", "second"]);
  });

  it("leave a room whose last listener left while its subscribe was on its way", async () => {
    const { rooms, next } = scripted();
    const leave = await rooms.subscribe("room:1", () => {}); // not connected yet: at once
    rooms.connected();
    const subscribing = await next();
    const left = leave();
    subscribing.answer();
    const leaving = await next();
    expect(leaving).toMatchObject({ command: "unsubscribe", channels: ["room:1"] });
    leaving.answer();
    await left;
    expect(rooms.listened()).toBe(0);
  });

  it("try a failed subscribe again while the connection stays up, not listening meanwhile, saying so once", async () => {
    const { rooms, next, listening, logs } = scripted();
    rooms.connected();
    const joined = rooms.subscribe("room:1", () => {});
    (await next()).answer(new Error("NOPERM no permissions to access the 'room:1' channel"));
    await joined; // let go: the room listens later
    expect(listening).toEqual([true, false]);
    const again = await next();
    expect(again).toMatchObject({ command: "subscribe", channels: ["room:1"] });
    again.answer(new Error("NOPERM still"));
    (await next()).answer();
    await settled();
    expect([rooms.listened(), listening.at(-1)]).toEqual([1, true]);
    expect(logs).toEqual([
      "bus: cannot listen to a room (NOPERM no permissions to access the 'room:1' channel); trying again",
    ]);
  });

  it("try a failed unsubscribe again, and leave a room whose subscribe failed and was then left", async () => {
    const { rooms, next } = scripted();
    rooms.connected();
    const joined = rooms.subscribe("room:1", () => {});
    (await next()).answer();
    const left = (await joined)();
    (await next()).answer(new Error("Command timed out"));
    await left;
    const again = await next();
    expect(again).toMatchObject({ command: "unsubscribe", channels: ["room:1"] });
    again.answer();
    await settled();
    expect(rooms.listened()).toBe(0);

    // A subscribe that timed out may still have been done by Redis: once left, it is undone.
    const leave = rooms.subscribe("room:2", () => {});
    (await next()).answer(new Error("Command timed out"));
    await (await leave)();
    const undo = await next();
    expect(undo).toMatchObject({ command: "unsubscribe", channels: ["room:2"] });
  });
});

/** The same, on a real subscribing connection. */
describe.skipIf(needsRedis.skip)("the Redis bus's subscriptions over Redis", () => {
  let url: string;
  let redis: ChildProcess;
  let subscriber: ReturnType<typeof connect>;

  beforeAll(async () => {
    const port = await sparePort();
    url = `redis://127.0.0.1:${port}`;
    redis = await startRedis(port);
    subscriber = connect(url, "parley:test-subscribe");
    await once(subscriber, "ready");
  });
  afterAll(async () => {
    subscriber.disconnect();
    await crash(redis);
  });

  it("after a connect, listen to every room wanted, those joined meanwhile too, before saying so", async () => {
    let listening = false;
    const rooms = createSubscriptions(
      subscriber,
      {
        failed: (error) => expect.fail(error.message),
        listening: (all) => {
          listening = all;
        },
        answers: () => true,
      },
      (line) => expect.fail(line),
    );
    subscriber.on("message", rooms.deliver);
    const heard: string[] = [];
    const hear = (who: string) => (payload: string) => heard.push(`${who}: ${payload}`);
    await rooms.subscribe("room:1", hear("ann"));
    await rooms.subscribe("room:2", hear("bo"));
    expect(await listenersOf(url, "room:1")).toBe(0); // wanted, not listened to before the connect

    rooms.connected();
    // While room:1 and room:2 are being subscribed; each resolves once room:3 listens.
    const joined = [rooms.subscribe("room:3", hear("cy")), rooms.subscribe("room:3", hear("cy"))];
    expect(listening).toBe(false);
    await Promise.all(joined);
    expect(await listenersOf(url, "room:3")).toBe(1);
    expect(listening).toBe(true);
    expect(rooms.listened()).toBe(3);
    for (const room of ["room:1", "room:2"]) expect(await listenersOf(url, room)).toBe(1);

    const delivered = once(subscriber, "message");
    await redisCommand(url, "PUBLISH", "room:3", "<p>hi</p>");
    await delivered;
    expect(heard).toEqual(["cy: <p>hi</p>", "cy: <p>hi</p>"]);
  });
});
