/**
 * `npx tsx bench/redis-hang.ts [seconds] [wake|crash]`: two instances over one database and a
 * Redis of their own, which hangs for `seconds` (10) while people on both instances keep sending;
 * Redis is stopped (SIGSTOP: connections stay open, nothing answers), and the hang ends with it
 * answering again (`wake`: SIGCONT) or with a crash and a restart (`crash`: SIGKILL). Prints the acknowledgement times on the sender's own instance
 * before and during the hang, what /healthz said, and whether every socket on both instances
 * ends up holding every stored message.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sparePort } from "../scripts/spare-port.ts";
import { signUpOver, socketOf } from "../test/support/client.ts";
import { eventually } from "../test/support/eventually.ts";
import { idsIn } from "../test/support/html.ts";
import { crash, startRedis } from "../test/support/redis.ts";
import { startServer } from "../test/support/server.ts";

const seconds = Number(process.argv[2] ?? 10);
const ending = process.argv[3] === "crash" ? "crash" : "wake";
const redisPort = await sparePort();
const redisUrl = `redis://127.0.0.1:${redisPort}`;
let redis = await startRedis(redisPort);
const dataDir = mkdtempSync(join(tmpdir(), "parley-hang-"));
const instances = [
  await startServer({ dataDir, env: { REDIS_URL: redisUrl } }),
  await startServer({ dataDir, env: { REDIS_URL: redisUrl } }),
];
const [a, b] = instances as [(typeof instances)[0], (typeof instances)[0]];
const alice = await signUpOver(a.url, "alice");
const bob = await signUpOver(b.url, "bob");
const slug = await alice.createRoom("Hang");
await alice.post(slug, "before");
const sockets = instances.flatMap((instance) =>
  [alice, bob].map((client) => socketOf(client, instance.url, slug, "?after=0")),
);
await Promise.all(sockets.map((socket) => socket.frame((frame) => frame.includes("before"))));
const [aliceOnA, , , bobOnB] = sockets as [(typeof sockets)[0], unknown, unknown, (typeof sockets)[0]];

let sent = 0;
/** Sends one message with a key and resolves with the milliseconds until its acknowledgement. */
const acknowledged = async (socket: typeof aliceOnA) => {
  const key = `k${++sent}`;
  const started = performance.now();
  socket.send({ body: `message ${sent}`, key });
  await socket.frame((frame) => frame.includes(`#pending-${key}"`));
  return performance.now() - started;
};
const summary = (times: number[]) => {
  const sorted = [...times].sort((x, y) => x - y);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]?.toFixed(0);
  return `${times.length} sends: median ${at(0.5)} ms, p90 ${at(0.9)} ms, max ${at(1)} ms`;
};
const health = async (url: string) => (await fetch(`${url}/healthz`)).json();

const before: number[] = [];
for (let i = 0; i < 10; i++) before.push(await acknowledged(aliceOnA), await acknowledged(bobOnB));
console.log(`before the hang: ${summary(before)}`);

const hangStarted = performance.now();
redis.kill("SIGSTOP");
const during: number[] = [];
const reports = new Set<string>();
let degradedAfter: number | null = null;
while (performance.now() - hangStarted < seconds * 1000 - 500) {
  const round = await Promise.all([acknowledged(aliceOnA), acknowledged(bobOnB)]);
  during.push(...round);
  for (const instance of instances) {
    const report = await health(instance.url);
    reports.add(`${report.status}/${report.bus}`);
    if (report.status === "degraded") degradedAfter ??= performance.now() - hangStarted;
  }
  await new Promise((resolve) => setTimeout(resolve, 250));
}
const noticed = degradedAfter === null ? "" : ` (degraded ${degradedAfter.toFixed(0)} ms into the hang)`;
console.log(`during a ${seconds} s hang: ${summary(during)}; /healthz said ${[...reports].join(", ")}${noticed}`);

if (ending === "wake") redis.kill("SIGCONT");
else {
  await crash(redis);
  redis = await startRedis(redisPort);
}
const stored = await alice.messages(slug);
const ended = performance.now();
const missing = await eventually(
  "every socket to hold every stored message",
  async () => {
    const counts = sockets.map((socket) => {
      const ids = new Set(socket.frames.flatMap(idsIn));
      return stored.filter((message) => !ids.has(message.id)).length;
    });
    return counts.every((count) => count === 0) ? counts : undefined;
  },
  30_000,
).catch((error: Error) => {
  const counts = sockets.map((socket) => {
    const ids = new Set(socket.frames.flatMap(idsIn));
    return stored.filter((message) => !ids.has(message.id)).length;
  });
  return `${error.message}; missing per socket (alice@A, bob@A, alice@B, bob@B): ${counts.join(", ")}`;
});
console.log(
  typeof missing === "string"
    ? `after the hang (${ending}): ${missing}`
    : `after the hang (${ending}): all 4 sockets on both instances hold all ${stored.length} stored messages, ` +
        `${(performance.now() - ended).toFixed(0)} ms after it ended`,
);

for (const socket of sockets) socket.close();
await Promise.all(instances.map((instance) => instance.stop()));
await crash(redis);
rmSync(dataDir, { recursive: true, force: true });
