import type { IdleResult, Job, TargetRef } from "../job.ts";
import { round1, sampleProc, usageBetween } from "../proc.ts";
import { closeAll, openClients } from "./clients.ts";

/**
 * The server's memory once it holds still: start-up allocates tens of megabytes for a moment
 * (half a second on Parley), and a "before" taken inside that moment would hide as much per
 * socket. Two samples 250 ms apart within 1 MB of each other, waiting 5 s at most.
 */
async function settled(pid: number) {
  let last = sampleProc(pid);
  for (let waited = 0; waited < 5_000; waited += 250) {
    await Bun.sleep(250);
    const now = sampleProc(pid);
    if (Math.abs(now.rssKb - last.rssKb) < 1024) return now;
    last = now;
  }
  return last;
}

type IdleJob = Extract<Job, { kind: "idle" }>;

/**
 * Many idle, authenticated sockets: the server's resident memory before and after opening
 * them (accounts and rooms made before), divided by their number. Nothing is sent; each socket
 * only joins its room. For Parley the accounts come made by another process (bench/run.ts):
 * argon2id's 64 MB per hash stays resident for a while, sometimes, and is no socket's.
 * "After" is taken `settleSeconds` after the last socket opened: long enough (12 s) for the
 * runtime's idle collection (Bun's comes about 7 s after the load stops), so what is measured
 * is what an idle server keeps, not the garbage of ten thousand handshakes.
 */
export async function idleSockets(target: TargetRef, job: IdleJob): Promise<IdleResult> {
  const pid = target.pids[0] as number;
  let before = sampleProc(pid);
  const clients = await openClients(
    target,
    job.rooms,
    Math.ceil(job.sockets / job.rooms),
    () => {},
    async () => {
      // After signing up, should this process have to, and once start-up's own work has passed.
      before = await settled(pid);
    },
  );
  let dropped = 0;
  for (const client of clients) client.connection.closed.then(() => dropped++);
  await Bun.sleep(job.settleSeconds * 1000);
  const after = sampleProc(pid);
  if (dropped > 0) throw new Error(`${dropped} idle sockets were closed by the server`);
  closeAll(clients);
  return {
    kind: "idle",
    sockets: clients.length,
    rssBeforeMb: round1(before.rssKb / 1024),
    rssAfterMb: round1(after.rssKb / 1024),
    kbPerSocket: round1((after.rssKb - before.rssKb) / clients.length),
    server: usageBetween([before], [after]),
  };
}
