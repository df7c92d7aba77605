/**
 * `npx bun bench/redis-capacity.ts [seconds]`: what one Redis costs per fragment that Parley's bus
 * sends through it, for docs/scale.md. A Redis of its own (loopback, nothing on disk) gets
 * PUBLISHes of fragments the size Parley sends (about 400 bytes) to many room channels, each
 * channel subscribed by `fanout` connections (the instances that have members of that room).
 * Prints, per fan-out, messages/s, deliveries/s and Redis's own CPU-µs per message and per
 * delivery: Redis runs commands on one thread, so 1 s ÷ CPU-µs per message is its ceiling
 * whatever the load generator managed.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { Redis } from "ioredis";
import { sparePort } from "../scripts/spare-port.ts";

const seconds = Number(process.argv[2] ?? 5);
const payload = `<hx-partial hx-target="#messages-1">${"x".repeat(360)}</hx-partial>`;
const rooms = 2_000;
/** Publishes in flight per publisher connection: enough to keep Redis busy, as many instances would. */
const window = 256;
const publishers = 4;

const clockTicks = 100;
const cpuSeconds = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) / clockTicks;
};

async function startRedis(port: number) {
  const child = spawn("redis-server", [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--save",
    "",
    "--appendonly",
    "no",
  ]);
  await new Promise<void>((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`redis-server exited (${code}): ${output}`)));
  });
  return child;
}

/** One round: `fanout` subscriber connections, each on every room channel; publishers flat out. */
async function round(url: string, pid: number, fanout: number) {
  const subscribers = Array.from({ length: fanout }, () => new Redis(url));
  let deliveries = 0;
  for (const subscriber of subscribers) {
    subscriber.on("message", () => deliveries++);
    await subscriber.subscribe(...Array.from({ length: rooms }, (_, i) => `room:${i}`));
  }
  const senders = Array.from({ length: publishers }, () => new Redis(url));
  let published = 0;
  let running = true;
  const pump = async (sender: Redis) => {
    let next = 0;
    while (running) {
      const pipeline = sender.pipeline();
      for (let i = 0; i < window; i++) pipeline.publish(`room:${next++ % rooms}`, payload);
      await pipeline.exec();
      published += window;
    }
  };
  const pumps = senders.map(pump);
  await Bun.sleep(500); // warm-up: connections and buffers settle
  const start = { at: performance.now(), cpu: cpuSeconds(pid), published, deliveries };
  await Bun.sleep(seconds * 1000);
  const end = { at: performance.now(), cpu: cpuSeconds(pid), published, deliveries };
  running = false;
  await Promise.all(pumps);
  for (const connection of [...senders, ...subscribers]) connection.disconnect();
  const wall = (end.at - start.at) / 1000;
  const messages = end.published - start.published;
  const delivered = end.deliveries - start.deliveries;
  const cpu = end.cpu - start.cpu;
  return {
    fanout,
    messagesPerSecond: messages / wall,
    deliveriesPerSecond: delivered / wall,
    redisCpuPercent: (cpu / wall) * 100,
    cpuMicrosPerMessage: (cpu * 1e6) / messages,
    cpuMicrosPerDelivery: delivered ? (cpu * 1e6) / delivered : Number.NaN,
  };
}

const port = await sparePort();
const redis = await startRedis(port);
try {
  console.log(`Redis pub/sub, ${payload.length}-byte fragments, ${rooms} room channels, ${seconds} s per round`);
  console.log(
    "fan-out | messages/s | deliveries/s | Redis CPU | CPU-µs/message | CPU-µs/delivery | ceiling messages/s",
  );
  for (const fanout of [1, 2, 5, 20]) {
    const r = await round(`redis://127.0.0.1:${port}`, redis.pid as number, fanout);
    const ceiling = 1e6 / r.cpuMicrosPerMessage;
    console.log(
      [
        r.fanout,
        Math.round(r.messagesPerSecond).toLocaleString("en"),
        Math.round(r.deliveriesPerSecond).toLocaleString("en"),
        `${r.redisCpuPercent.toFixed(0)}%`,
        r.cpuMicrosPerMessage.toFixed(2),
        r.cpuMicrosPerDelivery.toFixed(2),
        Math.round(ceiling).toLocaleString("en"),
      ].join(" | "),
    );
  }
} finally {
  redis.kill("SIGKILL");
}
