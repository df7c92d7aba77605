import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { Socket } from "node:net";
import { afterAll, beforeAll } from "vitest";
import { sparePort } from "../../scripts/spare-port.ts";
import { connect } from "../../src/bus/redis.ts";

export const sharedRedisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/** Whether a Redis answers PING at the URL (plain TCP, so tests need no client library). */
export function redisAnswers(url: string, timeoutMs = 1000): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("error", () => done(false));
    socket.once("data", (data) => done(data.toString().startsWith("+PONG")));
    socket.connect(Number(port || 6379), hostname, () => socket.write("PING\r\n"));
  });
}

export const hasRedisServer = () => spawnSync("redis-server", ["--version"]).status === 0;

/** A throwaway redis-server of the test's own, on loopback, persisting nothing; `extra` adds arguments (`--aclfile`). */
export async function startRedis(port: number, extra: string[] = []): Promise<ChildProcess> {
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", ...extra],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  await new Promise<void>((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`redis-server exited (${code}):\n${output}`)));
  });
  return child;
}

/** Kills the process without warning, as a crash would, and waits until it is gone. */
export function crash(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

/** Sends one command to Redis and returns its raw reply (plain TCP, as redis-cli would). */
export function redisCommand(url: string, ...args: string[]): Promise<string> {
  const { hostname, port } = new URL(url);
  const request = `*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join("")}`;
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    socket.once("error", reject);
    socket.once("data", (data) => {
      socket.destroy();
      resolve(data.toString());
    });
    socket.connect(Number(port || 6379), hostname, () => socket.write(request));
  });
}

/** How many connections listen to a channel (PUBSUB NUMSUB). */
export const listenersOf = async (url: string, channel: string) =>
  Number(/:(\d+)\r\n$/.exec(await redisCommand(url, "PUBSUB", "NUMSUB", channel))?.[1]);

/**
 * A third party subscribed to every channel of a Redis: `carried(text)` resolves once Redis has
 * carried a payload that mentions it. Redis hands a payload to every subscriber as it runs the
 * PUBLISH, so anything published after that reaches each subscriber after it.
 */
export async function watchRedis(url: string) {
  const observer = connect(url, "test:observer");
  observer.on("error", () => {}); // a crash the test caused: watch again with a new watcher
  const payloads: string[] = [];
  const waiters: (() => void)[] = [];
  observer.on("pmessage", (_pattern: string, _channel: string, payload: string) => {
    payloads.push(payload);
    for (const wake of waiters.splice(0)) wake();
  });
  await once(observer, "ready");
  await observer.psubscribe("*");
  return {
    async carried(text: string) {
      while (!payloads.some((payload) => payload.includes(text)))
        await new Promise<void>((resolve) => waiters.push(resolve));
    },
    close: () => observer.disconnect(),
  };
}

/**
 * A redis-server of the describe block's own (started before its tests, killed after): for
 * tests that stop Redis, or must not meet other tests' keys. Read `url` and `child` inside tests.
 */
export function ownRedis() {
  const redis = { url: "", child: null as ChildProcess | null };
  beforeAll(async () => {
    const port = await sparePort();
    redis.child = await startRedis(port);
    redis.url = `redis://127.0.0.1:${port}`;
  });
  afterAll(() => {
    redis.child?.kill();
  });
  return redis;
}
