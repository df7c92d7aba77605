import { readFileSync } from "node:fs";
import type { ParleyAccounts } from "../job.ts";
import { machineBusyPercent, type ProcSample, round1, sampleMachine, sampleProc, settled } from "../proc.ts";
import { ceilingTexts, parleyMessages, parleyTargets } from "./day-frames.ts";
import { type DayEvent, type Habits, type Population, percentile } from "./day-plan.ts";

/**
 * Plays a day (bench/load/day-plan.ts) against one server from this process: opens every socket,
 * sends each event when its time comes, and times each new message from its send to its arrival
 * at every other member. The server is another process; its CPU and memory come from /proc.
 *
 * Parley gets the frames its pages send: the composer's `{body, key, headers}`, the typing
 * signal's `{typing: true, headers}`, the read-mark form's `{read, headers}` (1 s after a new
 * message on a page that is on screen, at most once a second, as static/room.js sends it),
 * `{edit, body}` and `{react, message, on}`. The ceiling gets one text per event that fans out to
 * the room (post, typing, edit, reaction) and publishes each to everyone there; read marks fan
 * out nowhere on Parley, so the ceiling gets none.
 */
export interface DayTarget {
  kind: "parley" | "ceiling";
  url: string;
  pid: number;
  accounts?: ParleyAccounts;
}

/** A measured stretch of the day at one rate; the first `warmupSeconds` are played, not counted. */
export interface DayWindow {
  label: string;
  habits: Habits;
  warmupSeconds: number;
  schedule: DayEvent[];
}

export interface WindowResult {
  label: string;
  rate: number;
  seconds: number;
  messages: number;
  deliveries: number;
  /** Deliveries that had not arrived when the window's drain ended. */
  missing: number;
  framesOut: Record<string, number>;
  framesIn: number;
  /** What the received frames carried: Parley's fragments by target (digits as #), the ceiling's texts by kind. */
  partsIn: Record<string, number>;
  bytesPerDelivery: number;
  cpuPercent: number;
  kernelPercent: number;
  cpuMicrosPerMessage: number;
  cpuMicrosPerDelivery: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  rssMb: number;
  peakRssMb: number;
  generatorCpuPercent: number;
  /** The whole machine, in % of one core (200% = both cores): what else ran beside server and load. */
  machineBusyPercent: number;
  /**
   * How long the server's main thread was ready to run but waited for a core (/proc/<pid>/schedstat),
   * in % of the window: high, the machine starved it; low with a backlog, it waited on something else.
   */
  serverRunQueuePercent: number;
}

export interface DayResult {
  sockets: number;
  openSeconds: number;
  rssBeforeMb: number;
  rssIdleMb: number;
  kbPerSocket: number;
  /** Server CPU with every socket open and nobody sending: what holding them costs by itself. */
  idleCpuPercent: number;
  windows: WindowResult[];
}

const headers = (url: string, slug: string) => ({
  "HX-Request": "true",
  "HX-Current-URL": `${url}/rooms/${slug}`,
});

interface Socket {
  ws: WebSocket;
  room: number;
  /** Parley: the newest message id this page has (a fragment at or below it is a change, not news). */
  newest: number;
  readSent: number;
  readTimer: ReturnType<typeof setTimeout> | null;
  onScreen: boolean;
}

interface Sent {
  at: number;
  socket: number;
  counted: boolean;
  /** Parley's id for it, once any member got it. */
  id: number;
}

export async function playDay(
  target: DayTarget,
  people: Population,
  windows: DayWindow[],
  /** Per socket, whether its page is on screen (sends read marks). */
  onScreen: boolean[],
): Promise<DayResult> {
  const parley = target.kind === "parley";
  const sent = new Map<number, Sent>();
  const latencies: number[] = [];
  let framesIn = 0;
  let deliveryBytes = 0;
  let deliveries = 0;
  const sockets: Socket[] = [];
  const slugOf = (room: number) => (parley ? (target.accounts?.slugs[room] as string) : `room-${room}`);

  const arrived = (index: number, message: Sent) => {
    if (!message.counted) return;
    deliveries++;
    if (message.socket !== index) latencies.push(performance.now() - message.at);
  };

  const readLater = (index: number, socket: Socket) => {
    if (!socket.onScreen || socket.readTimer) return;
    socket.readTimer = setTimeout(() => {
      socket.readTimer = null;
      if (socket.newest <= socket.readSent || socket.ws.readyState !== WebSocket.OPEN) return;
      socket.readSent = socket.newest;
      send(index, { read: String(socket.newest), headers: headers(target.url, slugOf(socket.room)) }, "read");
    }, 1000);
  };

  const countPart = (part: string) => {
    partsIn[part] = (partsIn[part] ?? 0) + 1;
  };

  // Parley: every message element in a frame; one with an id past the page's newest is news.
  const onParleyFrame = (index: number, socket: Socket, frame: string) => {
    parleyTargets(frame, (target, answer) => {
      countPart(target);
      if (answer) countPart(answer);
    });
    let news = 0;
    let counted = 0;
    parleyMessages(frame, (id, number) => {
      if (id <= socket.newest) return;
      socket.newest = id;
      news++;
      const message = sent.get(number);
      if (!message) return;
      message.id = id;
      arrived(index, message);
      if (message.counted) counted++;
    });
    // A frame's bytes count once, for the deliveries it carries.
    if (counted) deliveryBytes += frame.length;
    if (news) readLater(index, socket);
  };

  // The ceiling: one text per line (BATCH=1), padded with spaces; "p<n> …" is message n.
  const onCeilingFrame = (index: number, frame: string) => {
    ceilingTexts(frame, (kind, number, bytes) => {
      countPart(kind);
      const message = kind === "p" ? sent.get(number) : undefined;
      if (!message) return;
      arrived(index, message);
      if (message.counted) deliveryBytes += bytes;
    });
  };

  const framesOut: Record<string, number> = {};
  const partsIn: Record<string, number> = {};
  const send = (index: number, fields: Record<string, unknown> | string, kind: string) => {
    const socket = sockets[index] as Socket;
    if (socket.ws.readyState !== WebSocket.OPEN) return;
    framesOut[kind] = (framesOut[kind] ?? 0) + 1;
    socket.ws.send(typeof fields === "string" ? fields : JSON.stringify(fields));
  };

  const before = await settled(target.pid);
  const opening = performance.now();
  await openAll(people, (index, room) => {
    const slug = slugOf(room);
    const person = people.sockets[index]?.person as number;
    const ws = parley
      ? new WebSocket(`${target.url.replace(/^http/, "ws")}/rooms/${slug}/ws`, {
          headers: { cookie: target.accounts?.cookies[person] ?? "", origin: target.url },
        } as unknown as string[])
      : new WebSocket(`${target.url.replace(/^http/, "ws")}/?room=${slug}`);
    const socket: Socket = { ws, room, newest: 0, readSent: 0, readTimer: null, onScreen: !!onScreen[index] };
    sockets[index] = socket;
    ws.onmessage = (event) => {
      framesIn++;
      if (parley) onParleyFrame(index, socket, event.data as string);
      else onCeilingFrame(index, event.data as string);
    };
    return ws;
  });
  const openSeconds = (performance.now() - opening) / 1000;
  // Parley joins each socket's room after the open; let the last joins and arrivals pass.
  await Bun.sleep(3000);
  const idle = await settled(target.pid);
  await Bun.sleep(idleSeconds * 1000);
  const idleEnd = sampleProc(target.pid);
  const idleCpuPercent = Math.round(((idleEnd.cpuTicks - idle.cpuTicks) / 100 / ((idleEnd.at - idle.at) / 1000)) * 100);

  const results: WindowResult[] = [];
  for (const window of windows) {
    const { habits, schedule, warmupSeconds } = window;
    const measuredFrom = warmupSeconds * 1000;
    let serverStart: ProcSample | null = null;
    let machineStart = sampleMachine();
    let waitStart = runQueueNs(target.pid);
    let generatorStart = process.cpuUsage();
    let sinceStart = 0;
    for (const key of Object.keys(framesOut)) delete framesOut[key];
    latencies.length = 0;
    deliveries = 0;
    deliveryBytes = 0;
    let framesInAtStart = 0;
    let expected = 0;
    let messages = 0;
    sent.clear();
    const start = performance.now();
    let yielded = start;
    for (const event of schedule) {
      const due = start + event.at;
      const wait = due - performance.now();
      // Behind schedule, the loop still lets arrivals in every few ms, or it would time its own backlog.
      if (wait > 1 || performance.now() - yielded > 5) {
        await Bun.sleep(Math.max(0, wait));
        yielded = performance.now();
      }
      if (!serverStart && event.at >= measuredFrom) {
        serverStart = sampleProc(target.pid);
        generatorStart = process.cpuUsage();
        framesInAtStart = framesIn;
        sinceStart = performance.now();
        for (const key of Object.keys(framesOut)) delete framesOut[key];
        for (const key of Object.keys(partsIn)) delete partsIn[key];
        machineStart = sampleMachine();
        waitStart = runQueueNs(target.pid);
      }
      const counted = serverStart !== null;
      const socket = sockets[event.socket] as Socket;
      const slug = slugOf(socket.room);
      const message = sent.get(event.message);
      const words = `${event.message} said at ${Math.round(event.at)} ms into the day`;
      switch (event.kind) {
        case "typing":
          send(event.socket, parley ? { typing: true, headers: headers(target.url, slug) } : `t${words}`, "typing");
          break;
        case "post": {
          const room = people.rooms[socket.room] as number[];
          sent.set(event.message, {
            at: performance.now(),
            socket: event.socket,
            counted,
            id: 0,
          });
          if (counted) {
            messages++;
            expected += room.length;
          }
          send(
            event.socket,
            parley
              ? { body: `p${words}`, key: `day-${event.message}`, headers: headers(target.url, slug) }
              : `p${words}`,
            "post",
          );
          break;
        }
        case "edit":
          if (parley && !message?.id) break;
          send(event.socket, parley ? { edit: message?.id, body: `p${words} (edited)` } : `e${words}`, "edit");
          break;
        case "react":
          if (parley && !message?.id) break;
          send(event.socket, parley ? { react: "👍", message: message?.id, on: "true" } : `r${words}`, "react");
          break;
      }
    }
    const serverEnd = sampleProc(target.pid);
    const machineEnd = sampleMachine();
    const waitEnd = runQueueNs(target.pid);
    const partsInWindow = { ...partsIn };
    const generator = process.cpuUsage(generatorStart);
    const seconds = (performance.now() - sinceStart) / 1000;
    const framesInWindow = framesIn - framesInAtStart;
    // What is still on its way arrives within a moment; what has not after 5 s is missing.
    for (let waited = 0; deliveries < expected && waited < 5000; waited += 50) await Bun.sleep(50);
    const start0 = serverStart ?? serverEnd;
    const cpuSeconds = (serverEnd.cpuTicks - start0.cpuTicks) / 100;
    const kernelSeconds = (serverEnd.kernelTicks - start0.kernelTicks) / 100;
    results.push({
      label: window.label,
      rate: habits.rate,
      seconds: round1(seconds),
      messages,
      deliveries,
      missing: expected - deliveries,
      framesOut: { ...framesOut },
      framesIn: framesInWindow,
      partsIn: partsInWindow,
      bytesPerDelivery: deliveries ? Math.round(deliveryBytes / deliveries) : 0,
      cpuPercent: Math.round((cpuSeconds / seconds) * 100),
      kernelPercent: Math.round((kernelSeconds / seconds) * 100),
      cpuMicrosPerMessage: messages ? round1((cpuSeconds * 1e6) / messages) : 0,
      cpuMicrosPerDelivery: deliveries ? round1((cpuSeconds * 1e6) / deliveries) : 0,
      p50Ms: round2(percentile(latencies, 0.5)),
      p99Ms: round2(percentile(latencies, 0.99)),
      maxMs: round2(percentile(latencies, 1)),
      rssMb: round1(serverEnd.rssKb / 1024),
      peakRssMb: round1(serverEnd.peakRssKb / 1024),
      generatorCpuPercent: Math.round(((generator.user + generator.system) / 1e6 / seconds) * 100),
      machineBusyPercent: machineBusyPercent(machineStart, machineEnd),
      serverRunQueuePercent: Math.round((waitEnd - waitStart) / 1e7 / seconds),
    });
  }
  for (const socket of sockets) {
    if (socket.readTimer) clearTimeout(socket.readTimer);
    socket.ws.close();
  }
  return {
    sockets: sockets.length,
    openSeconds: round1(openSeconds),
    rssBeforeMb: round1(before.rssKb / 1024),
    rssIdleMb: round1(idle.rssKb / 1024),
    kbPerSocket: round1((idle.rssKb - before.rssKb) / sockets.length),
    idleCpuPercent,
    windows: results,
  };
}

const idleSeconds = 5;
const round2 = (n: number) => Math.round(n * 100) / 100;

/** Opens every socket, a few hundred handshakes in flight at most; fails on the first refusal. */
async function openAll(people: Population, make: (index: number, room: number) => WebSocket) {
  const inFlight = 200;
  for (let from = 0; from < people.sockets.length; from += inFlight) {
    const batch: Promise<void>[] = [];
    for (let i = from; i < Math.min(people.sockets.length, from + inFlight); i++) {
      const ws = make(i, people.sockets[i]?.room as number);
      batch.push(
        new Promise((resolve, reject) => {
          ws.addEventListener("open", () => resolve());
          ws.addEventListener("error", () => reject(new Error(`socket ${i} failed`)));
          ws.addEventListener("close", (event) => reject(new Error(`socket ${i} closed: ${event.code}`)));
        }),
      );
    }
    await Promise.all(batch);
  }
}

/** Nanoseconds the process's main thread has spent runnable but waiting for a core, since it started. */
const runQueueNs = (pid: number) => Number(readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ")[1] ?? 0);
