/**
 * `npm run bench [-- --full]`: starts each server in turn (the ceilings, Parley on Bun, Node,
 * Deno and PostgreSQL, Socket.IO),
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
import { efficiency, type RateFigure, type RoomSize, type Run, type ScaleOut } from "./results.ts";
import { fixedRateServers, idleServers, latencyServers } from "./scenarios.ts";
import { type Running, root, startTarget, type TargetName, targets } from "./servers.ts";

const full = process.argv.includes("--full") || process.env.BENCH_MODE === "full";
const mode: Mode = full ? modes.full : modes.quick;
/** Parley's frame for the load generator's short texts, should its run fail: what it measured last. */
const parleyFrameBytes = 373;

const runStart = performance.now();
/** Minutes and seconds since the run began, on each progress line: where a run's time goes. */
const elapsed = () => {
  const seconds = Math.round((performance.now() - runStart) / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
};

/** One scenario against one server, started fresh so its peak RSS belongs to this scenario only. */
async function measure<T extends Result>(
  run: Run,
  name: TargetName,
  job: Job,
  env: Record<string, string> = {},
  { dataDir, accounts }: { dataDir?: string; accounts?: ParleyAccounts } = {},
): Promise<T | undefined> {
  console.error(`[${elapsed()}] ${job.kind}: ${targets[name].label}`);
  const server = await startTarget(name, { env, dataDir });
  try {
    const target = { name, wire: targets[name].wire, urls: [server.url], pids: [server.pid], accounts };
    const result = await load<T>({ target, job });
    // A round larger than the window (a room of 512 on a busy machine) delivers nothing in it:
    // no figure, rather than a rate of 0 and a cost per delivery of infinity.
    if (result.kind === "closed" && result.deliveries === 0)
      throw new Error(`no delivery within the ${job.kind === "closed" ? job.seconds : "?"} s window`);
    return result;
  } catch (error) {
    run.errors.push(`${job.kind} on ${name}: ${(error as Error).message}`);
    return undefined;
  } finally {
    await server.stop();
  }
}

/** The padded ceilings pad their frames to the size Parley's measured in (a). */
const padding = (run: Run, name: TargetName, measured?: number): Record<string, string> =>
  name === "padded" || name === "batched" || name === "stored" || name === "searched"
    ? { PAD_TO: String(run.fanout.parley?.bytesPerDelivery || measured || parleyFrameBytes) }
    : {};

/**
 * (a), (a′) or (e): ratios of servers measured one after another, so on a shared machine one busy
 * moment can skew one of them. Each server runs `mode.fanoutRounds` times, the order rotated
 * each round, and its median run (by deliveries/s) counts. Parley comes first in the first
 * round: the padded ceilings pad their frames to the size Parley's measured.
 */
async function fanoutRounds(run: Run, names: TargetName[], job: Mode["fanout"]) {
  const runs = new Map<TargetName, ClosedResult[]>();
  const frameBytes = () => runs.get("parley")?.[0]?.bytesPerDelivery;
  for (let round = 0; round < mode.fanoutRounds; round++) {
    const shift = round % names.length;
    for (const name of [...names.slice(shift), ...names.slice(0, shift)]) {
      const result = await measure<ClosedResult>(run, name, job, padding(run, name, frameBytes()));
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
 * (e): one room of each size, Parley beside the batched ceiling. A room of 32 is (a) itself,
 * already measured.
 */
async function roomSizes(run: Run): Promise<RoomSize[]> {
  const sizes: RoomSize[] = [];
  for (const clients of mode.roomSizes) {
    const results =
      clients === mode.fanout.clientsPerRoom
        ? { parley: run.fanout.parley, batched: run.fanout.batched }
        : await fanoutRounds(run, ["parley", "batched"], { ...mode.fanout, clientsPerRoom: clients });
    sizes.push({ clients, results });
  }
  return sizes;
}

/**
 * (b), where the thread saturates: step the rate up until p99 passes the limit (the report reads
 * the first step at ≥ 95% of a core, or past the limit, from the steps). For Parley, then the
 * overload bound: twice the highest rate held, on a fresh server, for its memory and what got
 * through.
 */
async function latency(run: Run, name: TargetName): Promise<OpenResult | undefined> {
  const stepped = await measure<OpenResult>(run, name, mode.latency, padding(run, name));
  if (name === "parley" && stepped?.maxRate === 0)
    run.overload = { skipped: "Parley held no rate with p99 within the limit (see (b)'s steps)" };
  if (name === "parley" && stepped && stepped.maxRate > 0) {
    const rate = stepped.maxRate * 2;
    // The overload step warms up at half its rate only: more would be overload before it is measured.
    const twice = await measure<OpenResult>(run, name, {
      ...mode.latency,
      rates: [rate],
      keyed: true,
      warmUpSeconds: 0,
    });
    const step = twice?.steps[0];
    run.overload = step ? { rate, step } : { skipped: "the run failed (see errors)" };
  }
  return stepped;
}

/**
 * (b) at fixed rates: each server on a fresh start per round, the order rotated, all rates in one
 * run (each below where any of them saturates, so no step leaves a backlog for the next); per
 * rate the round with the median p99 counts.
 */
async function fixedRates(run: Run): Promise<Run["fixedRates"]> {
  const steps = new Map<TargetName, LatencyStep[][]>();
  for (let round = 0; round < mode.fanoutRounds; round++) {
    const shift = round % fixedRateServers.length;
    for (const name of [...fixedRateServers.slice(shift), ...fixedRateServers.slice(0, shift)]) {
      const result = await measure<OpenResult>(run, name, mode.fixedRates, padding(run, name));
      if (result) steps.set(name, [...(steps.get(name) ?? []), result.steps]);
    }
  }
  return Object.fromEntries(
    [...steps].map(([name, rounds]) => [
      name,
      mode.fixedRates.rates.flatMap((rate): RateFigure[] => {
        const atRate = rounds.flatMap((r) => r.filter((s) => s.rate === rate));
        return atRate.length ? [{ rate, step: medianByP99(atRate), p99s: atRate.map((s) => s.p99) }] : [];
      }),
    ]),
  );
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
    roomSizes: [],
    latency: {},
    fixedRates: {},
    idle: {},
    scaleOut: { skipped: "not run" },
    scaleOutPostgres: { skipped: "not run" },
    overload: { skipped: "not run" },
    skipped: [],
    errors: [],
  };
  const postgres = await postgresAnswers();
  if (!postgres) run.skipped.push(`Parley on PostgreSQL: nothing answers at ${postgresServerUrl}.`);
  const runtimes: TargetName[] = ["parley", "parley-node", "parley-deno"];
  run.fanout = await fanoutRounds(
    run,
    [...runtimes, "batched", "stored", "searched", "padded", "ceiling", "socketio"],
    mode.fanout,
  );
  if (postgres) run.fanout["parley-pg"] = await measure(run, "parley-pg", mode.fanout);
  run.fanoutSmallBursts = await fanoutRounds(
    run,
    [...runtimes, "batched", "stored", "searched", "padded", "socketio"],
    mode.fanoutSmallBursts,
  );
  run.roomSizes = await roomSizes(run);
  run.fixedRates = await fixedRates(run);
  for (const name of latencyServers) run.latency[name] = await latency(run, name);
  for (const name of idleServers)
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
