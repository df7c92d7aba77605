import { describe, expect, it } from "vitest";
import type { BusStatus } from "../../src/bus/bus.ts";
import { createConnectionState } from "../../src/bus/redis-connection-state.ts";

const down = (reason: string) =>
  `bus: redis at redis.test:6379 is down (${reason}); messages are still stored and reach this instance's ` +
  "sockets; other instances' messages arrive when it returns";
const up = (rooms: number) => `bus: redis at redis.test:6379 is up, listening to ${rooms} room(s)`;

/** The state as ioredis would drive it: the publisher's status changes before its events. */
const follow = () => {
  const publisher = { status: "connecting" };
  const logs: string[] = [];
  const changes: BusStatus[] = [];
  const sinces: Date[] = [];
  let rooms = 2;
  let clock = 1_000;
  const state = createConnectionState(
    "redis.test:6379",
    publisher,
    () => rooms,
    (line) => logs.push(line),
    () => new Date(clock),
  );
  state.onStatus((status, since) => {
    changes.push(status);
    sinces.push(since);
  });
  const tick = (ms: number) => {
    clock += ms;
  };
  const publisherReady = () => {
    publisher.status = "ready";
    state.publisherReady();
  };
  const publisherLost = () => {
    publisher.status = "reconnecting";
    state.publisherLost();
  };
  const listening = (count: number) => {
    rooms = count;
    state.subscriberReady();
    state.listening(true);
  };
  return { state, logs, changes, sinces, tick, publisherReady, publisherLost, listening };
};

describe("the Redis bus's connection state", () => {
  it("is not down while starting with one connection ready before the other, and up once every room listens", () => {
    const { state, logs, changes, publisherReady, listening } = follow();
    publisherReady();
    expect([state.status(), logs]).toEqual(["down", []]);
    listening(2);
    expect([state.status(), logs, changes]).toEqual(["up", [up(2)], ["up"]]);
  });

  it("says so when Redis is unreachable from the start, with the first reason, once", () => {
    const { state, logs, changes } = follow();
    state.failed(new Error("connect ECONNREFUSED 127.0.0.1:6379"));
    state.publisherLost();
    state.subscriberLost();
    expect([state.status(), logs, changes]).toEqual(["down", [down("connect ECONNREFUSED 127.0.0.1:6379")], ["down"]]);
  });

  it("reports an outage once, as a lost connection unless an error says more, and the return", () => {
    const { state, logs, changes, publisherReady, publisherLost, listening } = follow();
    publisherReady();
    listening(2);
    state.subscriberLost();
    publisherLost();
    publisherReady();
    expect(state.status()).toBe("down"); // the rooms do not listen again yet
    listening(3);
    state.failed(new Error("read ECONNRESET"));
    publisherLost();
    expect(logs).toEqual([up(2), down("connection lost"), up(3), down("read ECONNRESET")]);
    expect(changes).toEqual(["up", "down", "up", "down"]);
  });

  it("logs publishing failures when they start and when they end, not each one", () => {
    const { state, logs, publisherReady, listening } = follow();
    publisherReady();
    listening(0);
    state.failed(new Error("Connection is closed."));
    state.published(false);
    state.published(false);
    state.published(true);
    state.published(true);
    expect(logs.slice(1)).toEqual([
      "bus: cannot publish to redis (Connection is closed.)",
      "bus: publishing to redis again",
    ]);
  });

  it("is down while Redis does not answer in time, since its last confirmation, and up at its next answer", () => {
    const { state, logs, changes, sinces, tick, publisherReady, listening } = follow();
    publisherReady();
    listening(2);
    tick(500);
    state.confirmed(new Date(1_400)); // a PING sent at 1.4 s was answered
    state.confirmed(new Date(1_200)); // an older publish's answer changes nothing
    tick(3_000);
    state.failed(new Error("no answer to PING within 1000 ms"));
    state.answering(false);
    expect([state.status(), state.answers()]).toEqual(["down", false]);
    state.answering(false); // still hung: nothing new to say
    tick(5_000);
    state.answering(true);
    expect(state.status()).toBe("up");
    expect(changes).toEqual(["up", "down", "up"]);
    expect(sinces.map((since) => since.getTime())).toEqual([1_000, 1_400, 9_500]);
    expect(logs[1]).toBe(down("no answer to PING within 1000 ms"));
  });

  it("is down while a room cannot be listened to", () => {
    const { state, changes, publisherReady, listening } = follow();
    publisherReady();
    listening(2);
    state.listening(false);
    state.listening(true);
    expect(changes).toEqual(["up", "down", "up"]);
  });

  it("stays quiet once closing, and says down from then on", () => {
    const { state, logs, changes, publisherReady, publisherLost, listening } = follow();
    publisherReady();
    listening(1);
    state.close();
    expect(state.status()).toBe("down");
    publisherLost();
    state.subscriberLost();
    expect([logs, changes]).toEqual([[up(1)], ["up"]]);
  });
});
