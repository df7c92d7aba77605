/**
 * `npx bun bench/realistic-day.ts [--quick] [--windows busy,heavy]`: a day of a chat service on ONE Parley instance
 * (Bun, SQLite, RATE_LIMIT=off) beside the batched padded ceiling doing the same fan-out, in one
 * run. 10,000 people in 2,000 rooms of 5, and 20 large rooms of 50–100 of them (a second page
 * open): 11,500 authenticated sockets, mostly idle. Messages arrive as people type them (Poisson)
 * at two rates, a busy hour (each socket sends every 3 minutes on average) and a heavy one (every
 * 20 s), with the page's typing signals before each, read marks after, 5% of messages edited and
 * 10% reacted to. Prints server CPU, latency from send to each other member, and memory, with
 * Parley's ratio to the ceiling. Run it under the shared lock with the descriptor limit raised:
 * `ulimit -n "$(ulimit -Hn)"; flock /work/notes/bench.lock npx bun bench/realistic-day.ts --quick`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { type DayResult, type DayWindow, playDay, type WindowResult } from "./load/day.ts";
import { writeDayAccounts } from "./load/day-accounts.ts";
import { dayHabits, daySchedule, dayShape, population, seeded } from "./load/day-plan.ts";
import { startTarget } from "./servers.ts";

const quick = process.argv.includes("--quick");
const warmupSeconds = quick ? 5 : 10;
const measuredSeconds = quick ? 20 : 90;
/** What Parley's message frames measured last, should the ceiling have to run without Parley's figure. */
const parleyFrameBytes = 380;

/** `--people n`: a smaller day of the same shape (a large room per 500 people), to try the tool out. */
const peopleArg = process.argv.indexOf("--people");
const shape =
  peopleArg === -1
    ? dayShape
    : (() => {
        const n = Number(process.argv[peopleArg + 1]);
        return { ...dayShape, people: n, largeRoomSizes: dayShape.largeRoomSizes.slice(0, Math.ceil(n / 500)) };
      })();
const people = population(shape, seeded(1));
const sockets = people.sockets.length;
const screens = seeded(2);
/** Half the pages are on screen and send read marks; the rest are in a background tab. */
const onScreen = people.sockets.map(() => screens() < 0.5);
const rateOf = {
  busy: { label: "busy hour (each socket sends every 3 min)", rate: sockets / 180 },
  heavy: { label: "heavy (each socket sends every 20 s)", rate: sockets / 20 },
};
/** `--windows busy,heavy,busy`: the rates played, in order (by default the busy hour, then the heavy one). */
const windowsArg = process.argv.indexOf("--windows");
const rates = (windowsArg === -1 ? "busy,heavy" : (process.argv[windowsArg + 1] as string)).split(",").map((name) => {
  const found = rateOf[name as keyof typeof rateOf];
  if (!found) throw new Error(`--windows: no rate called ${name} (busy, heavy)`);
  return found;
});
const windows: DayWindow[] = rates.map(({ label, rate }, i) => {
  const habits = { ...dayHabits, rate, seconds: warmupSeconds + measuredSeconds };
  return { label, habits, warmupSeconds, schedule: daySchedule(people, habits, seeded(10 + i)) };
});

async function parleyDay(): Promise<DayResult> {
  const dataDir = mkdtempSync(join(tmpdir(), "parley-day-"));
  try {
    const started = performance.now();
    const accounts = await writeDayAccounts(dataDir, people);
    console.error(`accounts and rooms written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const server = await startTarget("parley", { dataDir });
    try {
      return await playDay({ kind: "parley", url: server.url, pid: server.pid, accounts }, people, windows, onScreen);
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function ceilingDay(padTo: number): Promise<DayResult> {
  const server = await startTarget("batched", { env: { PAD_TO: String(padTo) } });
  try {
    return await playDay({ kind: "ceiling", url: server.url, pid: server.pid }, people, windows, onScreen);
  } finally {
    await server.stop();
  }
}

const at = new Date().toISOString().slice(0, 16).replace("T", " ");
const load = loadavg()[0]?.toFixed(1);
console.error(`${sockets} sockets in ${people.rooms.length} rooms; ${quick ? "quick" : "full"} mode`);
const parley = await parleyDay();
const padTo = parley.windows[0]?.bytesPerDelivery || parleyFrameBytes;
console.error(`Parley done; the ceiling pads its frames to ${padTo} bytes`);
const ceiling = await ceilingDay(padTo);
console.log(report(parley, ceiling));

function report(parley: DayResult, ceiling: DayResult): string {
  const ratio = (a: number, b: number) => (b ? `${(a / b).toFixed(2)}×` : "–");
  const lines = [
    `## A realistic day, ${at} UTC (${quick ? "--quick" : "full"}, load average ${load} at the start)`,
    "",
    `${sockets} sockets (${shape.people} people in ${people.rooms.length - shape.largeRoomSizes.length} rooms of ` +
      `${shape.smallRoomSize}, ${sockets - shape.people} more in ${shape.largeRoomSizes.length} rooms of ` +
      `${shape.largeRoomSizes[0]}–${shape.largeRoomSizes.at(-1)}); each rate ${measuredSeconds} s measured after ` +
      `${warmupSeconds} s. The ceiling: bare Bun pub/sub, BATCH=1, PAD_TO=${padTo}.`,
    "",
    "| | Parley | ceiling | Parley ÷ ceiling |",
    "| --- | --: | --: | --: |",
    `| server RSS before sockets | ${parley.rssBeforeMb} MB | ${ceiling.rssBeforeMb} MB | |`,
    `| server RSS, sockets open and idle | ${parley.rssIdleMb} MB | ${ceiling.rssIdleMb} MB | ${ratio(parley.rssIdleMb, ceiling.rssIdleMb)} |`,
    `| per socket (all growth ÷ sockets) | ${parley.kbPerSocket} KB | ${ceiling.kbPerSocket} KB | ${ratio(parley.kbPerSocket, ceiling.kbPerSocket)} |`,
    `| server CPU, sockets open, nobody sending (5 s) | ${parley.idleCpuPercent}% | ${ceiling.idleCpuPercent}% | |`,
    `| time to open every socket | ${parley.openSeconds} s | ${ceiling.openSeconds} s | |`,
  ];
  parley.windows.forEach((p, i) => {
    const c = ceiling.windows[i] as WindowResult;
    const row = (name: string, a: number | string, b: number | string, r = "") => `| ${name} | ${a} | ${b} | ${r} |`;
    lines.push(
      row(`**${p.label}**`, `${p.rate.toFixed(0)} msg/s`, "", ""),
      row("messages, deliveries (new messages)", `${p.messages}, ${p.deliveries}`, `${c.messages}, ${c.deliveries}`),
      row("deliveries missing after 5 s", p.missing, c.missing),
      row(
        "sends acknowledged, refused (Parley's answers)",
        `${p.partsIn.acknowledged ?? 0}, ${p.partsIn.refused ?? 0}`,
        "",
      ),
      row("frames sent by clients", frames(p.framesOut), frames(c.framesOut)),
      row("frames received by clients", p.framesIn, c.framesIn, ratio(p.framesIn, c.framesIn)),
      row("what they carried", frames(p.partsIn, 7), frames(c.partsIn, 7)),
      row("bytes per delivery", p.bytesPerDelivery, c.bytesPerDelivery),
      row("server CPU (% of one core)", `${p.cpuPercent}%`, `${c.cpuPercent}%`, ratio(p.cpuPercent, c.cpuPercent)),
      row("of which kernel", `${p.kernelPercent}%`, `${c.kernelPercent}%`),
      row(
        "server CPU-µs per message",
        p.cpuMicrosPerMessage,
        c.cpuMicrosPerMessage,
        ratio(p.cpuMicrosPerMessage, c.cpuMicrosPerMessage),
      ),
      row(
        "server CPU-µs per delivery",
        p.cpuMicrosPerDelivery,
        c.cpuMicrosPerDelivery,
        ratio(p.cpuMicrosPerDelivery, c.cpuMicrosPerDelivery),
      ),
      row("latency p50", `${p.p50Ms} ms`, `${c.p50Ms} ms`, ratio(p.p50Ms, c.p50Ms)),
      row("latency p99", `${p.p99Ms} ms`, `${c.p99Ms} ms`, ratio(p.p99Ms, c.p99Ms)),
      row("latency max", `${p.maxMs} ms`, `${c.maxMs} ms`),
      row("server RSS at the end, peak", `${p.rssMb} MB, ${p.peakRssMb} MB`, `${c.rssMb} MB, ${c.peakRssMb} MB`),
      row("load generator CPU", `${p.generatorCpuPercent}%`, `${c.generatorCpuPercent}%`),
      row("whole machine busy (of 200%)", `${p.machineBusyPercent}%`, `${c.machineBusyPercent}%`),
      row("server thread waiting for a core", `${p.serverRunQueuePercent}%`, `${c.serverRunQueuePercent}%`),
    );
  });
  return lines.join("\n");
}

function frames(out: Record<string, number>, most = 10): string {
  return Object.entries(out)
    .sort((a, b) => b[1] - a[1])
    .slice(0, most)
    .map(([kind, count]) => `${count} ${kind}`)
    .join(", ");
}
