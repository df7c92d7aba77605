import type { IdleResult, Job, TargetRef } from "../job.ts";
import { type ProcSample, round1, sampleProc, settled, usageBetween } from "../proc.ts";
import { type Client, closeAll, openClients } from "./clients.ts";

type IdleJob = Extract<Job, { kind: "idle" }>;

/**
 * Many idle, authenticated sockets: the server's resident memory before, after the first half
 * and after all of them (accounts and rooms made before), each sample `settleSeconds` after the
 * last socket opened: long enough (12 s) for the runtime's idle collection (Bun's comes about
 * 7 s after the load stops), so what is measured is what an idle server keeps, not the garbage
 * of thousands of handshakes. Nothing is sent; each socket only joins its room. For Parley the
 * accounts come made by another process (bench/run.ts): argon2id's 64 MB per hash stays
 * resident for a while, sometimes, and is no socket's.
 *
 * Per socket is the second half's growth: the first half also pays once for what any server
 * pays on its first load, whatever its sockets (code compiled and paged in, the collector's heap
 * grown to its floor), reported beside it.
 */
export async function idleSockets(target: TargetRef, job: IdleJob): Promise<IdleResult> {
  const pid = target.pids[0] as number;
  const perRoom = Math.ceil(job.sockets / job.rooms / 2);
  let before = sampleProc(pid);
  let dropped = 0;
  const open = async (setUp?: () => Promise<void>) => {
    const clients = await openClients(target, job.rooms, perRoom, () => {}, setUp);
    for (const client of clients) client.connection.closed.then(() => dropped++);
    await Bun.sleep(job.settleSeconds * 1000);
    return clients;
  };
  const first = await open(async () => {
    // After signing up, should this process have to, and once start-up's own work has passed.
    before = await settled(pid);
  });
  const half = sampleProc(pid);
  const second = await open();
  const after = sampleProc(pid);
  const clients: Client[] = [...first, ...second];
  if (dropped > 0) throw new Error(`${dropped} idle sockets were closed by the server`);
  closeAll(clients);
  const perSocket = (from: ProcSample, to: ProcSample, sockets: Client[]) =>
    round1((to.rssKb - from.rssKb) / sockets.length);
  return {
    kind: "idle",
    sockets: clients.length,
    rssBeforeMb: round1(before.rssKb / 1024),
    rssHalfMb: round1(half.rssKb / 1024),
    rssAfterMb: round1(after.rssKb / 1024),
    kbPerSocketFirstHalf: perSocket(before, half, first),
    kbPerSocket: perSocket(half, after, second),
    server: usageBetween([before], [after]),
  };
}
