import type { ClosedResult } from "./job.ts";
import { load } from "./load-process.ts";
import { modes } from "./modes.ts";
import { startTarget, type TargetName, targets } from "./servers.ts";

/** Scenario (a), fan-out, as the comparisons run it: quick mode, one fresh server per round. */
export const fanoutJob = modes.quick.fanout;

export interface Figures {
  /** Deliveries per second of wall-clock time. */
  rate: number;
  /** Deliveries per second of server CPU time. */
  efficiency: number;
}

/**
 * One round of fan-out on a fresh server: Parley by default (another checkout, or other settings,
 * when given), or any other target. Also says how large its frames were per delivery (what the
 * padded ceilings pad to).
 */
export async function fanoutRound(
  options: {
    checkout?: string;
    env?: Record<string, string>;
    burst?: number;
    clients?: number;
    /** Which server: Parley on Bun and SQLite by default. */
    server?: TargetName;
  } = {},
): Promise<Figures & { bytesPerDelivery: number }> {
  const name = options.server ?? "parley";
  const server = await startTarget(name, options);
  try {
    const target = { name, wire: targets[name].wire, urls: [server.url], pids: [server.pid] };
    const job = {
      ...fanoutJob,
      burst: options.burst ?? fanoutJob.burst,
      clientsPerRoom: options.clients ?? fanoutJob.clientsPerRoom,
    };
    const result = await load<ClosedResult>({ target, job });
    const cpuSeconds = (result.server.cpuPercent / 100) * result.seconds;
    return {
      rate: result.deliveriesPerSecond,
      efficiency: result.deliveries / cpuSeconds,
      bytesPerDelivery: result.bytesPerDelivery,
    };
  } finally {
    await server.stop();
  }
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
export const figure = (n: number) => Math.round(n).toLocaleString("en");
