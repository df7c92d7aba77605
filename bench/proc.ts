import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import type { ServerUsage } from "./job.ts";

/** Linux clock ticks per second for /proc/<pid>/stat (getconf CLK_TCK; 100 on every common kernel). */
const ticksPerSecond = 100;

export interface ProcSample {
  at: number;
  cpuTicks: number;
  /** Of which in the kernel (system calls: for a chat server, mostly its sockets). */
  kernelTicks: number;
  rssKb: number;
  peakRssKb: number;
}

/** CPU time and memory of a process, from /proc: what `top` would show, without a sampler thread. */
export function sampleProc(pid: number): ProcSample {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name, which may hold spaces: utime and stime are the 14th and 15th.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const kernelTicks = Number(fields[12]);
  const cpuTicks = Number(fields[11]) + kernelTicks;
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? 0);
  return { at: performance.now(), cpuTicks, kernelTicks, rssKb: kb("VmRSS"), peakRssKb: kb("VmHWM") };
}

/** Usage between two samples of each server process (CPU summed, memory summed). */
export function usageBetween(before: ProcSample[], after: ProcSample[]): ServerUsage {
  let cpuPercent = 0;
  let kernelPercent = 0;
  let rssKb = 0;
  let peakKb = 0;
  after.forEach((end, i) => {
    const start = before[i] as ProcSample;
    const seconds = (end.at - start.at) / 1000;
    const percent = (ticks: number) => (seconds > 0 ? (ticks / ticksPerSecond / seconds) * 100 : 0);
    cpuPercent += percent(end.cpuTicks - start.cpuTicks);
    kernelPercent += percent(end.kernelTicks - start.kernelTicks);
    rssKb += end.rssKb;
    peakKb += end.peakRssKb;
  });
  return {
    cpuPercent: Math.round(cpuPercent),
    kernelPercent: Math.round(kernelPercent),
    rssMb: round1(rssKb / 1024),
    peakRssMb: round1(peakKb / 1024),
  };
}

/** Busy and total CPU ticks of the whole machine, every core (/proc/stat). */
export interface MachineSample {
  busyTicks: number;
  allTicks: number;
}

export function sampleMachine(): MachineSample {
  // cpu  user nice system idle iowait irq softirq steal …
  const ticks = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "").trim().split(/\s+/).slice(1, 9).map(Number);
  const allTicks = ticks.reduce((sum, t) => sum + t, 0);
  return { busyTicks: allTicks - (ticks[3] ?? 0) - (ticks[4] ?? 0), allTicks };
}

/** How busy every core was between two samples, in percent of one core (200% = two cores full). */
export const machineBusyPercent = (before: MachineSample, after: MachineSample) =>
  Math.round(
    ((after.busyTicks - before.busyTicks) / Math.max(1, after.allTicks - before.allTicks)) * cpus().length * 100,
  );

export const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Bytes through the loopback interface so far (what every local socket sent, with TCP/IP
 * headers, compressed or not): the wire's own count, for bytes per delivery.
 */
export function loopbackBytes(): number {
  const line = readFileSync("/proc/net/dev", "utf8")
    .split("\n")
    .find((l) => l.trim().startsWith("lo:"));
  return Number(line?.trim().slice(3).trim().split(/\s+/)[0] ?? 0);
}

/**
 * The server's memory once it holds still: start-up allocates tens of megabytes for a moment
 * (half a second on Parley), and a "before" taken inside that moment would hide as much per
 * socket. Two samples 250 ms apart within 1 MB of each other, waiting 5 s at most.
 */
export async function settled(pid: number): Promise<ProcSample> {
  let last = sampleProc(pid);
  for (let waited = 0; waited < 5_000; waited += 250) {
    await Bun.sleep(250);
    const now = sampleProc(pid);
    if (Math.abs(now.rssKb - last.rssKb) < 1024) return now;
    last = now;
  }
  return last;
}
