import type { IdleResult, Job, TargetRef } from "../job.ts";
import { round1, sampleProc, usageBetween } from "../proc.ts";
import { closeAll, openClients } from "./clients.ts";

type IdleJob = Extract<Job, { kind: "idle" }>;

/**
 * Many idle, authenticated sockets: the server's resident memory before and after opening
 * them (accounts and rooms made before), divided by their number. Nothing is sent; each socket
 * only joins its room. For Parley the accounts come made by another process (bench/run.ts):
 * argon2id's 64 MB per hash stays resident for a while, sometimes, and is no socket's.
 */
export async function idleSockets(target: TargetRef, job: IdleJob): Promise<IdleResult> {
  const pid = target.pids[0] as number;
  // After signing up, should this process have to.
  let before = sampleProc(pid);
  const clients = await openClients(
    target,
    job.rooms,
    Math.ceil(job.sockets / job.rooms),
    () => {},
    () => {
      before = sampleProc(pid);
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
