import * as hdr from "hdr-histogram-js";
import type { Answers, Job, LatencyStep, OpenResult, TargetRef } from "../job.ts";
import { machineBusyPercent, sampleMachine, sampleProc, usageBetween } from "../proc.ts";
import { type Client, closeAll, openClients } from "./clients.ts";

type OpenJob = Extract<Job, { kind: "open" }>;

/** How long a step waits for its last deliveries before counting the rest as missing. */
const drainMs = 2_000;
/** Keyed: how long a step waits for every answer, and for every acknowledged send to reach its room. */
const keyedDrainMs = 10_000;
/** Steps between the last rate held and the first missed: a factor of 1.5 narrows to about 1.1. */
const refinements = 2;
/** The pause after an overloaded step, so its backlog (and the GC it caused) does not spill into the next. */
const recoverMs = 1_500;

/**
 * Open loop: messages leave at a fixed rate whatever the server does, each stamped with the
 * time it was due (not when it left), so a slow server cannot hide its queueing delay
 * (coordinated omission). Each delivery's latency goes into an HDR histogram. The rate steps
 * up until p99 passes the limit, then narrows in on it. With `rates`, one step at each of those
 * rates instead, on the server the orchestrator started fresh for them: an overloaded step leaves
 * a server (and this client) with a backlog and a grown heap that would bias the next figure.
 */
export async function openLoop(target: TargetRef, job: OpenJob): Promise<OpenResult> {
  let step = -1;
  let histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000 });
  let received = 0;
  let wake: (() => void) | null = null;
  let expected = Number.POSITIVE_INFINITY;

  // Keyed sends, by their number in the step: answered (1 acknowledged, 2 refused) and deliveries.
  let answered = new Uint8Array(0);
  let delivered = new Uint16Array(0);
  const onText = (_client: Client, padded: string) => {
    // "s<step> c<client> <due time in ms>", keyed: "s<step> c<client> n<number> <due time in ms>";
    // the padded ceilings add spaces after it.
    const text = padded.trimEnd();
    const space = text.lastIndexOf(" ");
    if (Number(text.slice(1, text.indexOf(" "))) !== step) return;
    const micros = Math.round((performance.now() - Number(text.slice(space + 1))) * 1000);
    histogram.recordValue(Math.min(Math.max(micros, 1), 60_000_000));
    if (job.keyed) {
      const n = text.indexOf(" n");
      const sent = Number(text.slice(n + 2, text.indexOf(" ", n + 2)));
      delivered[sent] = (delivered[sent] ?? 0) + 1;
    }
    if (++received >= expected) wake?.();
  };
  // Key "s<step>n<number>"
  const onAnswer = (key: string, acknowledged: boolean) => {
    const n = key.indexOf("n");
    if (Number(key.slice(1, n)) !== step) return;
    const sent = Number(key.slice(n + 1));
    if (!answered[sent]) answered[sent] = acknowledged ? 1 : 2;
  };
  // Only keyed sends are answered: without a key no frame is an answer, and none is scanned for one.
  const clients = await openClients(
    target,
    job.rooms,
    job.clientsPerRoom,
    onText,
    undefined,
    job.keyed ? onAnswer : undefined,
  );
  /** How the keyed sends of this step ended (an acknowledged one is lost unless the whole room got it). */
  const answersOf = (total: number): Answers => {
    const answers = { acknowledged: 0, refused: 0, unanswered: 0, lost: 0 };
    for (let sent = 0; sent < total; sent++) {
      if (answered[sent] === 2) answers.refused++;
      else if (answered[sent] === 1) {
        answers.acknowledged++;
        if ((delivered[sent] ?? 0) < job.clientsPerRoom) answers.lost++;
      } else answers.unanswered++;
    }
    return answers;
  };
  /** Every acknowledged send delivered to its whole room, and every send answered. */
  const settled = (total: number) => {
    for (let sent = 0; sent < total; sent++) {
      if (!answered[sent] || (answered[sent] === 1 && (delivered[sent] ?? 0) < job.clientsPerRoom)) return false;
    }
    return true;
  };

  const runStep = async (rate: number, seconds = job.stepSeconds, warmingUp = false): Promise<LatencyStep> => {
    step++;
    histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000 });
    received = 0;
    expected = Number.POSITIVE_INFINITY;
    const before = target.pids.map(sampleProc);
    const ownBefore = sampleProc(process.pid);
    const machineBefore = sampleMachine();
    const start = performance.now();
    const total = Math.round(rate * seconds);
    answered = new Uint8Array(job.keyed ? total : 0);
    delivered = new Uint16Array(job.keyed ? total : 0);
    let sent = 0;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate));
        for (; sent < due; sent++) {
          const client = clients[sent % clients.length] as Client;
          const due = start + (sent * 1000) / rate;
          if (job.keyed) client.connection.send(`s${step} c${client.index} n${sent} ${due}`, `s${step}n${sent}`);
          else client.connection.send(`s${step} c${client.index} ${due}`);
        }
        if (sent >= total) {
          clearInterval(timer);
          resolve();
        }
      }, 1);
    });
    expected = total * job.clientsPerRoom;
    if (job.keyed) {
      // Refused sends are never delivered: wait for the answers and the acknowledged ones instead.
      const until = performance.now() + keyedDrainMs;
      while (!settled(total) && performance.now() < until) await Bun.sleep(100);
    } else if (received < expected)
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, drainMs);
      });
    wake = null;
    const after = target.pids.map(sampleProc);
    const ownAfter = sampleProc(process.pid);
    const machineAfter = sampleMachine();
    const ms = (p: number) => Math.round(histogram.getValueAtPercentile(p) / 10) / 100;
    const result: LatencyStep = {
      rate,
      deliveriesPerSecond: Math.round(received / seconds),
      p50: ms(50),
      p99: ms(99),
      p999: ms(99.9),
      missing: expected - received,
      server: usageBetween(before, after),
      loadGeneratorCpuPercent: usageBetween([ownBefore], [ownAfter]).cpuPercent,
      machineCpuPercent: machineBusyPercent(machineBefore, machineAfter),
      ...(job.keyed && { answers: answersOf(total) }),
    };
    console.error(
      `  ${target.name} ${warmingUp ? "warm-up " : ""}${rate} msg/s: p50 ${result.p50} p99 ${result.p99} ms, missing ${result.missing}, CPU: server ${result.server.cpuPercent}% (kernel ${result.server.kernelPercent}%), load ${result.loadGeneratorCpuPercent}%, machine ${result.machineCpuPercent}%`,
    );
    await Bun.sleep(300);
    return result;
  };

  // Unrecorded: lets the server finish its socket joins and its JIT warm up before the first figure.
  const firstRate = job.rates?.[0] ?? job.startRate;
  await runStep(firstRate / 2, job.stepSeconds, true);
  if (job.warmUpSeconds) await runStep(firstRate, job.warmUpSeconds, true);
  if (job.rates) {
    const steps: LatencyStep[] = [];
    for (const rate of job.rates) steps.push(await runStep(rate));
    closeAll(clients);
    return { kind: "open", steps, maxRate: 0 };
  }
  const held = (s: LatencyStep) => s.p99 <= job.p99LimitMs && s.missing === 0;
  const steps: LatencyStep[] = [];
  const tryRate = async (rate: number, refinement = false) => {
    let result = await runStep(rate);
    // One more try before giving up: on a shared machine one stall of another process can break a step.
    if (!held(result)) {
      await Bun.sleep(recoverMs);
      result = await runStep(rate);
    }
    steps.push(refinement ? { ...result, refinement } : result);
    return held(result);
  };
  let maxRate = 0;
  let failedAt = 0;
  for (let rate = job.startRate; rate <= job.maxRate; rate = Math.round(rate * job.factor)) {
    if (!(await tryRate(rate))) {
      failedAt = rate;
      break;
    }
    maxRate = rate;
  }
  // Between the last rate held and the first missed, halve the gap (geometrically) a few times:
  // the half-rate figure, (b)'s target, must not hang on where a coarse step happened to fall.
  for (let i = 0; i < refinements && maxRate > 0 && failedAt > 0; i++) {
    const rate = Math.round(Math.sqrt(maxRate * failedAt));
    if (await tryRate(rate, true)) maxRate = rate;
    else failedAt = rate;
  }
  closeAll(clients);
  return { kind: "open", steps: steps.sort((a, b) => a.rate - b.rate), maxRate };
}
