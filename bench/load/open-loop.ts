import * as hdr from "hdr-histogram-js";
import type { Job, LatencyStep, OpenResult, TargetRef } from "../job.ts";
import { sampleProc, usageBetween } from "../proc.ts";
import { type Client, closeAll, openClients } from "./clients.ts";

type OpenJob = Extract<Job, { kind: "open" }>;

/** How long a step waits for its last deliveries before counting the rest as missing. */
const drainMs = 2_000;
/** The pause after an overloaded step, so its backlog (and the GC it caused) does not spill into the next. */
const recoverMs = 1_500;

/**
 * Open loop: messages leave at a fixed rate whatever the server does, each stamped with the
 * time it was due (not when it left), so a slow server cannot hide its queueing delay
 * (coordinated omission). Each delivery's latency goes into an HDR histogram. The rate steps
 * up until p99 passes the limit. With `fixedRate`, one step at that rate instead: the
 * orchestrator measures half the highest rate on a fresh server, because an overloaded step
 * leaves a server (and this client) with a backlog and a grown heap that would bias the figure.
 */
export async function openLoop(target: TargetRef, job: OpenJob): Promise<OpenResult> {
  let step = -1;
  let histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000 });
  let received = 0;
  let wake: (() => void) | null = null;
  let expected = Number.POSITIVE_INFINITY;

  const onText = (_client: Client, text: string) => {
    // "s<step> c<client> <due time in ms>"
    const space = text.lastIndexOf(" ");
    if (Number(text.slice(1, text.indexOf(" "))) !== step) return;
    const micros = Math.round((performance.now() - Number(text.slice(space + 1))) * 1000);
    histogram.recordValue(Math.min(Math.max(micros, 1), 60_000_000));
    if (++received >= expected) wake?.();
  };
  const clients = await openClients(target, job.rooms, job.clientsPerRoom, onText);

  const runStep = async (rate: number): Promise<LatencyStep> => {
    step++;
    histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000 });
    received = 0;
    expected = Number.POSITIVE_INFINITY;
    const before = target.pids.map(sampleProc);
    const start = performance.now();
    const total = Math.round(rate * job.stepSeconds);
    let sent = 0;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate));
        for (; sent < due; sent++) {
          const client = clients[sent % clients.length] as Client;
          client.connection.send(`s${step} c${client.index} ${start + (sent * 1000) / rate}`);
        }
        if (sent >= total) {
          clearInterval(timer);
          resolve();
        }
      }, 1);
    });
    expected = total * job.clientsPerRoom;
    if (received < expected)
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, drainMs);
      });
    wake = null;
    const after = target.pids.map(sampleProc);
    const ms = (p: number) => Math.round(histogram.getValueAtPercentile(p) / 10) / 100;
    const result: LatencyStep = {
      rate,
      deliveriesPerSecond: Math.round(received / job.stepSeconds),
      p50: ms(50),
      p99: ms(99),
      p999: ms(99.9),
      missing: expected - received,
      server: usageBetween(before, after),
    };
    console.error(
      `  ${target.name} ${step === 0 ? "warm-up " : ""}${rate} msg/s: p50 ${result.p50} p99 ${result.p99} ms, missing ${result.missing}`,
    );
    await Bun.sleep(300);
    return result;
  };

  // Unrecorded: lets the server finish its socket joins and its JIT warm up before the first figure.
  await runStep((job.fixedRate ?? job.startRate) / 2);
  if (job.fixedRate !== undefined) {
    const only = await runStep(job.fixedRate);
    closeAll(clients);
    return { kind: "open", steps: [only], maxRate: 0, half: only };
  }
  const held = (s: LatencyStep) => s.p99 <= job.p99LimitMs && s.missing === 0;
  const steps: LatencyStep[] = [];
  let maxRate = 0;
  for (let rate = job.startRate; rate <= job.maxRate; rate = Math.round(rate * job.factor)) {
    let result = await runStep(rate);
    // One more try before giving up: on a shared machine one stall of another process can break a step.
    if (!held(result)) {
      await Bun.sleep(recoverMs);
      result = await runStep(rate);
    }
    steps.push(result);
    if (!held(result)) break;
    maxRate = rate;
  }
  closeAll(clients);
  return { kind: "open", steps, maxRate, half: null };
}
