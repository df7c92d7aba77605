import type { ClosedResult, Job, TargetRef } from "../job.ts";
import { loopbackBytes, sampleProc, usageBetween } from "../proc.ts";
import { closeAll, openClients } from "./clients.ts";
import { received as wire } from "./wire.ts";

type ClosedJob = Extract<Job, { kind: "closed" }>;

/**
 * A room's round may not take longer than this: a stalled server ends the run instead of hanging
 * it. A room of 512 with bursts of 50 is 13 M deliveries a round, so large rounds get longer.
 */
const roundTimeoutMs = (deliveries: number) => 15_000 + deliveries / 500;

/**
 * Parley sheds load past its sends in flight (src/rooms/send-places.ts): a room of 128 sending
 * bursts of 50 offers 6,400 messages at once. A refused message is sent again after Parley's
 * shortest retry time, as the page sends it again by itself, so the round still completes.
 */
const resendAfterMs = 100;

/**
 * Bun's chat-benchmark method: in each room every client sends a burst; when every member has
 * received every message of the round, the room starts the next one. Counts each delivery.
 */
export async function closedLoop(target: TargetRef, job: ClosedJob): Promise<ClosedResult> {
  const perRound = job.clientsPerRoom * job.clientsPerRoom * job.burst;
  const received = new Array<number>(job.rooms).fill(0);
  const roundDone: (() => void)[] = [];
  let counting = false;
  let deliveries = 0;
  let refused = 0;
  let closed = false;

  const clients = await openClients(
    target,
    job.rooms,
    job.clientsPerRoom,
    (client) => {
      if (counting) deliveries++;
      received[client.room] = (received[client.room] ?? 0) + 1;
      if (received[client.room] === perRound) roundDone[client.room]?.();
    },
    undefined,
    undefined,
    (client) => {
      if (counting) refused++;
      setTimeout(() => closed || client.connection.send(`c${client.index} ${performance.now()}`), resendAfterMs);
    },
  );
  const byRoom = Array.from({ length: job.rooms }, (_, r) => clients.filter((c) => c.room === r));

  const deadline = performance.now() + (job.warmupSeconds + job.seconds) * 1000;
  const runRoom = async (room: number) => {
    let round = 0;
    while (performance.now() < deadline) {
      received[room] = 0;
      const done = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`room ${room} stalled in round ${round}`)),
          roundTimeoutMs(perRound),
        );
        roundDone[room] = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      for (const client of byRoom[room] ?? [])
        for (let i = 0; i < job.burst; i++) client.connection.send(`c${client.index} ${performance.now()}`);
      await done;
      round++;
    }
  };

  const rooms = Promise.all(byRoom.map((_, r) => runRoom(r)));
  await Bun.sleep(job.warmupSeconds * 1000);
  const before = target.pids.map(sampleProc);
  const cpuBefore = process.cpuUsage();
  const bytesBefore = wire.bytes;
  const loopbackBefore = loopbackBytes();
  counting = true;
  await Bun.sleep(job.seconds * 1000);
  counting = false;
  const bytes = wire.bytes - bytesBefore;
  const loopback = loopbackBytes() - loopbackBefore;
  const after = target.pids.map(sampleProc);
  const cpu = process.cpuUsage(cpuBefore);
  const seconds = ((after[0]?.at ?? 0) - (before[0]?.at ?? 0)) / 1000;
  await rooms;
  closed = true;
  closeAll(clients);
  return {
    kind: "closed",
    deliveriesPerSecond: Math.round(deliveries / seconds),
    deliveries,
    seconds,
    refused,
    bytesPerDelivery: deliveries ? Math.round(bytes / deliveries) : 0,
    wireBytesPerDelivery: deliveries ? Math.round(loopback / deliveries) : 0,
    server: usageBetween(before, after),
    clientCpuPercent: Math.round(((cpu.user + cpu.system) / 1e6 / seconds) * 100),
  };
}
