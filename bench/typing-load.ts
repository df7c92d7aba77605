/**
 * `npx bun bench/typing-load.ts [people] [seconds]`: what a room full of people typing costs.
 * Each of `people` (100 by default) sends a typing signal as its page does while keys are
 * pressed (one per 3 s, spread out), for `seconds` (20); one of them also sends a message a
 * second. Reports signals in, frames out per second, bytes out per second and server CPU,
 * against the same room with the same messages and nobody typing, in the same run.
 */
import { signUp } from "../scripts/parley-http.ts";
import { sampleProc, usageBetween } from "./proc.ts";
import { startTarget } from "./servers.ts";

const people = Number(process.argv[2] ?? 100);
const seconds = Number(process.argv[3] ?? 20);
const signalEveryMs = 3000;

function openSocket(url: string, path: string, cookie: string): Promise<WebSocket> {
  // Bun's WebSocket client takes headers, as browsers' does not.
  const ws = new WebSocket(`${url.replace("http", "ws")}${path}`, { headers: { cookie, origin: url } } as never);
  return new Promise((resolve, reject) => {
    ws.onopen = () => resolve(ws);
    ws.onerror = reject;
  });
}

async function run(typing: boolean) {
  const server = await startTarget("parley");
  try {
    const cookies: string[] = [];
    for (let n = 0; n < people; n++) cookies.push(await signUp(server.url, `typist${n}`));
    const owner = cookies[0] as string;
    const created = await fetch(`${server.url}/rooms`, {
      method: "POST",
      body: new URLSearchParams({ name: "Typing" }),
      headers: { cookie: owner, origin: server.url },
      redirect: "manual",
    });
    const slug = (created.headers.get("location") ?? "").replace("/rooms/", "");
    const sockets = await Promise.all(cookies.map((cookie) => openSocket(server.url, `/rooms/${slug}/ws`, cookie)));
    let frames = 0;
    let bytes = 0;
    for (const ws of sockets) {
      ws.onmessage = (event) => {
        frames++;
        bytes += String(event.data).length;
      };
    }
    // Everyone's arrival settles before measuring.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const [framesBefore, bytesBefore] = [frames, bytes];
    const before = [sampleProc(server.pid)];
    let signals = 0;
    const timers = sockets.map((ws, n) =>
      setTimeout(
        () => {
          const tick = () => {
            if (!typing) return;
            ws.send(JSON.stringify({ typing: true }));
            signals++;
          };
          tick();
          timers.push(setInterval(tick, signalEveryMs));
        },
        (n / people) * signalEveryMs,
      ),
    );
    let sent = 0;
    const talker = setInterval(() => sockets[0]?.send(JSON.stringify({ body: `message ${++sent}` })), 1000);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    clearInterval(talker);
    for (const timer of timers) clearInterval(timer);
    const usage = usageBetween(before, [sampleProc(server.pid)]);
    for (const ws of sockets) ws.close();
    return {
      signalsPerSecond: signals / seconds,
      framesPerSecond: (frames - framesBefore) / seconds,
      kbPerSecond: (bytes - bytesBefore) / 1024 / seconds,
      cpuPercent: usage.cpuPercent,
    };
  } finally {
    await server.stop();
  }
}

const quiet = await run(false);
const busy = await run(true);
const row = (label: string, r: typeof quiet) =>
  `| ${label} | ${r.signalsPerSecond.toFixed(1)} | ${Math.round(r.framesPerSecond)} | ${r.kbPerSecond.toFixed(0)} | ${r.cpuPercent}% |`;
console.log(`${people} people in one room, one message a second, ${seconds} s each\n`);
console.log("| room | typing signals in /s | frames out /s | KB out /s | server CPU |");
console.log("| --- | ---: | ---: | ---: | ---: |");
console.log(row("nobody typing", quiet));
console.log(row("everyone typing", busy));
console.log(
  `\ntyping adds ${Math.round(busy.framesPerSecond - quiet.framesPerSecond)} frames/s ` +
    `(${((busy.framesPerSecond - quiet.framesPerSecond) / Math.max(1, busy.signalsPerSecond)).toFixed(0)} per signal: everyone but the typist)`,
);
