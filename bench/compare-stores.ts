/**
 * `npx bun bench/compare-stores.ts [--rounds N]`: scenario (a), fan-out, on SQLite and on
 * PostgreSQL (each round a database of its own on the server at POSTGRES_BENCH_URL, default the
 * local one), interleaved round by round on fresh servers so both see the same machine load.
 * Prints each round and the median ratio of PostgreSQL to SQLite, in deliveries per second and
 * per server CPU-second. The server's CPU does not count PostgreSQL's own.
 */
import { type Figures, fanoutJob, fanoutRound, figure, median } from "./fanout-round.ts";
import { withDatabase } from "./postgres-db.ts";

const args = process.argv.slice(2);
const roundsAt = args.indexOf("--rounds");
const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : 3;
const job = fanoutJob;

const results: { sqlite: Figures; postgres: Figures }[] = [];
for (let round = 1; round <= rounds; round++) {
  const onPostgres = () => withDatabase((url) => fanoutRound({ env: { DATABASE_URL: url } }));
  // Alternate which goes first, so a warming or cooling machine favours neither.
  const [first, second] = round % 2 ? [() => fanoutRound(), onPostgres] : [onPostgres, () => fanoutRound()];
  const a = await first();
  const b = await second();
  const result = round % 2 ? { sqlite: a, postgres: b } : { sqlite: b, postgres: a };
  results.push(result);
  console.log(
    `round ${round}: SQLite ${figure(result.sqlite.rate)}/s (${figure(result.sqlite.efficiency)} per CPU-s) · ` +
      `PostgreSQL ${figure(result.postgres.rate)}/s (${figure(result.postgres.efficiency)} per CPU-s)`,
  );
}
const of = (side: "sqlite" | "postgres", key: keyof Figures) => median(results.map((r) => r[side][key]));
const ratio = (key: keyof Figures) => median(results.map((r) => r.postgres[key] / r.sqlite[key])).toFixed(3);
console.log(
  `\nfan-out, 1 room × ${job.clientsPerRoom} clients, bursts of ${job.burst}, ${rounds} interleaved rounds (medians):\n` +
    `  SQLite: ${figure(of("sqlite", "rate"))} deliveries/s, ${figure(of("sqlite", "efficiency"))} per server CPU-second\n` +
    `  PostgreSQL: ${figure(of("postgres", "rate"))} deliveries/s, ${figure(of("postgres", "efficiency"))} per server CPU-second\n` +
    `  PostgreSQL ÷ SQLite: ${ratio("rate")}× deliveries/s, ${ratio("efficiency")}× per server CPU-second`,
);
