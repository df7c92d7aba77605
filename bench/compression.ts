/**
 * `npx bun bench/compression.ts [--rounds N]`: does permessage-deflate pay for a typical room?
 * Scenario (a)'s fan-out (1 room × 32 clients, bursts of 50) over a bare Bun server that sends
 * each text as the very fragment Parley broadcasts (real HTML), with compression off and on,
 * interleaved round by round. Bun compresses a published message once for all its sockets; the
 * load generator (Bun's client) offers the extension as browsers do. Prints deliveries per
 * second, per server CPU-second, and bytes per delivery on the loopback wire (both ways, with
 * TCP/IP headers), each as the median ratio of on to off.
 */
import { type Figures, fanoutJob, figure, median } from "./fanout-round.ts";
import type { ClosedResult } from "./job.ts";
import { load } from "./load-process.ts";
import { startTarget } from "./servers.ts";

const args = process.argv.slice(2);
const roundsAt = args.indexOf("--rounds");
const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : 3;

type Measured = Figures & { wireBytes: number; frameBytes: number };

async function round(deflate: boolean): Promise<Measured> {
  const server = await startTarget("ceiling", { env: { FRAME: "parley", DEFLATE: deflate ? "1" : "0" } });
  try {
    const target = { name: "ceiling", wire: "bare" as const, urls: [server.url], pids: [server.pid] };
    const result = await load<ClosedResult>({ target, job: fanoutJob });
    const cpuSeconds = (result.server.cpuPercent / 100) * result.seconds;
    return {
      rate: result.deliveriesPerSecond,
      efficiency: result.deliveries / cpuSeconds,
      wireBytes: result.wireBytesPerDelivery,
      frameBytes: result.bytesPerDelivery,
    };
  } finally {
    await server.stop();
  }
}

const results: { off: Measured; on: Measured }[] = [];
for (let n = 1; n <= rounds; n++) {
  const first = n % 2 === 1;
  const a = await round(!first);
  const b = await round(first);
  const result = first ? { off: a, on: b } : { off: b, on: a };
  results.push(result);
  console.log(
    `round ${n}: off ${figure(result.off.rate)}/s, ${result.off.wireBytes} B/delivery · ` +
      `on ${figure(result.on.rate)}/s, ${result.on.wireBytes} B/delivery`,
  );
}
const ratio = (key: keyof Measured) => median(results.map((r) => r.on[key] / r.off[key])).toFixed(3);
const of = (side: "off" | "on", key: keyof Measured) => figure(median(results.map((r) => r[side][key])));
console.log(
  `\npermessage-deflate, fan-out of Parley's fragments (${of("off", "frameBytes")}-byte frames), ${rounds} interleaved rounds (medians):\n` +
    `  off: ${of("off", "rate")} deliveries/s, ${of("off", "efficiency")} per server CPU-second, ${of("off", "wireBytes")} bytes per delivery on the wire\n` +
    `  on:  ${of("on", "rate")} deliveries/s, ${of("on", "efficiency")} per server CPU-second, ${of("on", "wireBytes")} bytes per delivery on the wire\n` +
    `  on ÷ off: ${ratio("rate")}× deliveries/s, ${ratio("efficiency")}× per server CPU-second, ${ratio("wireBytes")}× bytes on the wire`,
);
