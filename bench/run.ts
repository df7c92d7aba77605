/**
 * `npm run bench [-- --full]`: starts each server in turn (the ceiling, Parley, Socket.IO),
 * drives it from a separate load-generator process, and writes bench/results/latest.md,
 * latest.svg and latest.json (full mode: also full.*, which are committed and shown in
 * docs/benchmark.md; latest.* are not committed). Loopback only;
 * every loop is bounded in count and time.
 */
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { chart } from "./chart.ts";
import type { ClosedResult, IdleResult, Job, LatencyStep, OpenResult, ParleyAccounts, Result } from "./job.ts";
import { parleyUsersFor } from "./load/clients.ts";
import { parleySetup } from "./load/parley-accounts.ts";
import { load } from "./load-process.ts";
import { type Mode, modes } from "./modes.ts";
import { freshDatabase, postgresAnswers, postgresServerUrl } from "./postgres-db.ts";
import { markdown } from "./report.ts";
import { efficiency, type Run, type ScaleOut } from "./results.ts";
import { type Running, root, startTarget, type TargetName, targets } from "./servers.ts";

const full = process.argv.includes("--full") || process.env.BENCH_MODE === "full";
const mode: Mode = full ? modes.full : modes.quick;
const order: TargetName[] = ["ceiling", "parley", "socketio"];
/** Parley's frame for the load generator's short texts, should its run fail: what it measured last. */
const parleyFrameBytes = 373;

/** One scenario against one server, started fresh so its peak RSS belongs to this scenario only. */
async function measure<T extends Result>(
  run: Run,
  name: TargetName,
  job: Job,
  env: Record<string, string> = {},
  { dataDir, accounts }: { dataDir?: string; accounts?: ParleyAccounts } = {},
): Promise<T | undefined> {
  console.error(`${job.kind}: ${targets[name].label}`);
  const server = await startTarget(name, { env, dataDir });
  try {
    const target = { name, wire: targets[name].wire, urls: [server.url], pids: [server.pid], accounts };
    return await load<T>({ target, job });
  } catch (error) {
    run.errors.push(`${job.kind} on ${name}: ${(error as Error).message}`);
    return undefined;
  } finally {
    await server.stop();
  }
}

/**
 * (a) or (a′): ratios of servers measured one after another, so on a shared machine one busy
 * moment can skew one of them. Each server runs `mode.fanoutRounds` times, the order rotated
 * each round, and its median run (by deliveries/s) counts. Parley comes first in the first
 * round: the padded ceilings pad their frames to the size Parley's measured.
 */
async function fanoutRounds(run: Run, names: TargetName[], job: Mode["fanout"]) {
  const runs = new Map<TargetName, ClosedResult[]>();
  const frameBytes = () => run.fanout.parley?.bytesPerDelivery || runs.get("parley")?.[0]?.bytesPerDelivery;
  for (let round = 0; round < mode.fanoutRounds; round++) {
    const shift = round % names.length;
    for (const name of [...names.slice(shift), ...names.slice(0, shift)]) {
      const padded = name === "padded" || name === "batched";
      const env: Record<string, string> = padded ? { PAD_TO: String(frameBytes() || parleyFrameBytes) } : {};
      const result = await measure<ClosedResult>(run, name, job, env);
      if (result) runs.set(name, [...(runs.get(name) ?? []), result]);
    }
  }
  const medianRun = (results: ClosedResult[]) =>
    [...results].sort((a, b) => a.deliveriesPerSecond - b.deliveriesPerSecond)[Math.floor(results.length / 2)];
  return Object.fromEntries([...runs].map(([name, results]) => [name, medianRun(results)])) as Run["fanout"];
}

/**
 * (c) for Parley: another process over the same data folder signs the accounts up, so the
 * measured one starts with sessions in its database and has never hashed a password.
 */
async function idleParley(run: Run): Promise<IdleResult | undefined> {
  const job = mode.idle;
  const dataDir = mkdtempSync(join(tmpdir(), "parley-bench-"));
  try {
    const setup = await startTarget("parley", { dataDir });
    const perRoom = Math.ceil(job.sockets / job.rooms);
    const accounts = await parleySetup(setup.url, parleyUsersFor(perRoom * job.rooms, job.rooms), job.rooms).finally(
      () => setup.stop(),
    );
    return await measure<IdleResult>(run, "parley", job, {}, { dataDir, accounts });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * (b): step the rate up to the limit, then measure half the highest rate held on a fresh server,
 * `mode.fanoutRounds` times (the median p99 counts). For Parley each round also runs the padded
 * ceiling at the same rate, the same frames over the same sockets: what the machine and the load
 * generator add to the latency at that rate, whatever the server.
 */
async function latency(run: Run, name: TargetName): Promise<OpenResult | undefined> {
  const stepped = await measure<OpenResult>(run, name, mode.latency);
  if (!stepped || stepped.maxRate === 0) return stepped;
  const atHalf = { ...mode.latency, fixedRate: Math.round(stepped.maxRate / 2) };
  const halves: LatencyStep[] = [];
  const padded: LatencyStep[] = [];
  for (let round = 0; round < mode.fanoutRounds; round++) {
    const half = (await measure<OpenResult>(run, name, atHalf))?.half;
    if (half) halves.push(half);
    if (name !== "parley") continue;
    const env = { PAD_TO: String(run.fanout.parley?.bytesPerDelivery || parleyFrameBytes) };
    const reference = (await measure<OpenResult>(run, "padded", atHalf, env))?.half;
    if (reference) padded.push(reference);
  }
  if (padded.length) run.latencyAtParleyHalf = { padded: medianByP99(padded), p99s: padded.map((s) => s.p99) };
  if (name === "parley") {
    // Overload: twice what it held, on a fresh server, for its memory and what got through.
    const rate = stepped.maxRate * 2;
    const twice = await measure<OpenResult>(run, name, { ...mode.latency, fixedRate: rate, keyed: true });
    run.overload = twice?.half ? { rate, step: twice.half } : { skipped: "the run failed (see errors)" };
  }
  return { ...stepped, half: halves.length ? medianByP99(halves) : null, halfP99s: halves.map((s) => s.p99) };
}

const medianByP99 = (steps: LatencyStep[]) =>
  [...steps].sort((a, b) => a.p99 - b.p99)[Math.floor(steps.length / 2)] as LatencyStep;

/**
 * (d) needs the Redis bus: two Parley instances over one database (SQLite's file, or one
 * PostgreSQL database), rooms split between them.
 */
async function scaleOut(run: Run, store: "sqlite" | "postgres"): Promise<Run["scaleOut"]> {
  const redisUrl = process.env.REDIS_URL;
  if (!redisUrl) return { skipped: "REDIS_URL is not set (two instances need the Redis bus)." };
  if (store === "postgres" && !(await postgresAnswers()))
    return { skipped: `PostgreSQL does not answer at ${postgresServerUrl}.` };
  const database = store === "postgres" ? await freshDatabase() : null;
  const dataDir = mkdtempSync(join(tmpdir(), "parley-bench-"));
  const started: Running[] = [];
  const env = { REDIS_URL: redisUrl, ...(database && { DATABASE_URL: database.url }) };
  try {
    for (let i = 0; i < 2; i++)
      started.push(await startTarget(store === "postgres" ? "parley-pg" : "parley", { dataDir, env }));
  } catch (error) {
    await Promise.all(started.map((s) => s.stop()));
    rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
    return { skipped: `this Parley cannot run with REDIS_URL yet (${(error as Error).message.split("\n")[0]})` };
  }
  try {
    const target = (count: number) => ({
      name: "parley",
      wire: "parley" as const,
      urls: started.slice(0, count).map((s) => s.url),
      pids: started.slice(0, count).map((s) => s.pid),
    });
    // As (a): one round lets a busy moment move the ratio by a fifth; the median round counts.
    const rounds: ScaleOut[] = [];
    // The order alternates, so a machine growing busier over a round favours neither.
    for (let round = 0; round < mode.fanoutRounds; round++) {
      const measureOn = (count: number) => load<ClosedResult>({ target: target(count), job: mode.scaleOut });
      let one: ClosedResult;
      let two: ClosedResult;
      if (round % 2 === 0) {
        one = await measureOn(1);
        two = await measureOn(2);
      } else {
        two = await measureOn(2);
        one = await measureOn(1);
      }
      rounds.push({ one, two });
    }
    const ratio = ({ one, two }: ScaleOut) => efficiency(two) / efficiency(one);
    const median = [...rounds].sort((a, b) => ratio(a) - ratio(b))[Math.floor(rounds.length / 2)] as ScaleOut;
    return { ...median, ratios: rounds.map(ratio) };
  } catch (error) {
    run.errors.push(`scale-out on ${store}: ${(error as Error).message}`);
    return { skipped: "the run failed (see errors)" };
  } finally {
    await Promise.all(started.map((s) => s.stop()));
    rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  }
}

async function main() {
  const run: Run = {
    mode: mode.name,
    conditions: {
      date: new Date().toISOString().slice(0, 16).replace("T", " "),
      cpu: cpus()[0]?.model.trim() ?? "unknown CPU",
      cores: cpus().length,
      memoryGb: Math.round(totalmem() / 2 ** 30),
      loadAverage: loadavg()
        .map((l) => l.toFixed(2))
        .join(" "),
      bun: Bun.version,
      node: await nodeVersion(),
    },
    fanout: {},
    fanoutSmallBursts: {},
    latency: {},
    idle: {},
    scaleOut: { skipped: "not run" },
    scaleOutPostgres: { skipped: "not run" },
    overload: { skipped: "not run" },
    skipped: [],
    errors: [],
  };
  const postgres = await postgresAnswers();
  if (!postgres) run.skipped.push(`Parley on PostgreSQL: nothing answers at ${postgresServerUrl}.`);
  run.fanout = await fanoutRounds(run, ["parley", "ceiling", "padded", "batched"], mode.fanout);
  if (postgres) run.fanout["parley-pg"] = await measure(run, "parley-pg", mode.fanout);
  run.fanout.socketio = await measure(run, "socketio", mode.fanout);
  run.fanoutSmallBursts = await fanoutRounds(run, ["parley", "padded", "batched"], mode.fanoutSmallBursts);
  for (const name of order) run.latency[name] = await latency(run, name);
  for (const name of order)
    run.idle[name] = name === "parley" ? await idleParley(run) : await measure(run, name, mode.idle);
  run.scaleOut = await scaleOut(run, "sqlite");
  run.scaleOutPostgres = await scaleOut(run, "postgres");

  const dir = join(root, "bench", "results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "latest.json"), `${JSON.stringify(run, null, 2)}\n`);
  writeFileSync(join(dir, "latest.svg"), chart(run));
  writeFileSync(join(dir, "latest.md"), markdown(run, "latest.svg"));
  if (full) {
    copyFileSync(join(dir, "latest.svg"), join(dir, "full.svg"));
    copyFileSync(join(dir, "latest.json"), join(dir, "full.json"));
    writeFileSync(join(dir, "full.md"), markdown(run, "full.svg"));
  }
  console.log(readFileSync(join(dir, "latest.md"), "utf8"));
  process.exit(run.errors.length ? 1 : 0);
}

function nodeVersion(): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn("node", ["--version"]);
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.once("exit", () => resolve(out.trim().replace(/^v/, "")));
  });
}

main();
