/**
 * `npx bun bench/slow-reader.ts [ref]`: ten sockets that never read while 8,000 messages of 4 KB
 * are sent past them, on Parley at a git ref and on this working tree. Reports the server's
 * memory, whether the server closed the silent sockets, what the first received (and whether
 * it has holes), and whether a reconnect from its newest message reaches the room's newest.
 */
import { connect, type Socket } from "node:net";
import { signUp } from "../scripts/parley-http.ts";
import { checkoutOf } from "./checkout.ts";
import { sampleProc } from "./proc.ts";
import { startTarget } from "./servers.ts";

const ref = process.argv[2] ?? "HEAD~1";
const count = 8000;
/** Several, so the memory each pins stands out from the server's own. */
const silentSockets = 10;
const body = "x".repeat(4000 - 12);

/** A WebSocket upgrade by hand, so the socket can stop reading: its bytes pile up at the server. */
async function silentSocket(
  url: string,
  path: string,
  cookie: string,
): Promise<{ socket: Socket; bytes: () => string }> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  let received = "";
  socket.on("data", (chunk: Buffer) => {
    received += chunk.toString("latin1");
  });
  await new Promise<void>((resolve) => socket.once("connect", resolve));
  socket.write(
    `GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nOrigin: ${url}\r\nCookie: ${cookie}\r\n\r\n`,
  );
  await new Promise<void>((resolve) => socket.once("data", () => resolve()));
  socket.pause();
  return { socket, bytes: () => received };
}

function openSocket(url: string, path: string, cookie: string): Promise<WebSocket> {
  // Bun's WebSocket client takes headers, as browsers' does not.
  const ws = new WebSocket(`${url.replace("http", "ws")}${path}`, { headers: { cookie, origin: url } } as never);
  return new Promise((resolve, reject) => {
    ws.onopen = () => resolve(ws);
    ws.onerror = reject;
  });
}

const ids = (text: string) => [...text.matchAll(/data-message-id="(\d+)"/g)].map((m) => Number(m[1]));
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

async function run(label: string, checkout?: string) {
  const server = await startTarget("parley", { checkout });
  try {
    const [quiet, loud] = await Promise.all([signUp(server.url, "quiet"), signUp(server.url, "loud")]);
    const call = (path: string, init: RequestInit = {}) =>
      fetch(`${server.url}${path}`, { ...init, headers: { cookie: loud, origin: server.url }, redirect: "manual" });
    const created = await call("/rooms", { method: "POST", body: new URLSearchParams({ name: "Flood" }) });
    const slug = (created.headers.get("location") ?? "").replace("/rooms/", "");
    const before = sampleProc(server.pid);
    const silent = await Promise.all(
      Array.from({ length: silentSockets }, () => silentSocket(server.url, `/rooms/${slug}/ws?after=0`, quiet)),
    );
    const closedByServer = new Set<Socket>();
    for (const { socket } of silent) socket.once("close", () => closedByServer.add(socket));
    const sender = await openSocket(server.url, `/rooms/${slug}/ws`, loud);
    let heard = 0;
    const allHeard = new Promise<void>((resolve) => {
      sender.onmessage = (event) => {
        heard += ids(String(event.data)).length;
        if (heard >= count) resolve();
      };
    });
    for (let n = 1; n <= count; n++) sender.send(JSON.stringify({ body: `${n} ${body}` }));
    await allHeard;
    const after = sampleProc(server.pid);

    // Read what was queued for the silent sockets; a closed one has nothing more coming.
    for (const { socket } of silent) socket.resume();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const [first] = silent;
    const seen = ids(first?.bytes() ?? "");
    const holes = seen.filter((id, i) => i > 0 && id !== (seen[i - 1] as number) + 1).length;
    const latest = await call(`/api/rooms/${slug}/messages?limit=1`);
    const newest = ((await latest.json()) as { messages: { id: number }[] }).messages[0]?.id ?? 0;
    const back = await openSocket(server.url, `/rooms/${slug}/ws?after=${seen.at(-1) ?? 0}`, quiet);
    const caughtUp = await new Promise<number[]>((resolve) => {
      back.onmessage = (event) => resolve(ids(String(event.data)));
    });
    back.close();
    sender.close();
    for (const { socket } of silent) socket.destroy();
    console.log(
      `${label}: server memory ${mb(before.rssKb)} before, ${mb(after.rssKb)} after the flood ` +
        `(peak ${mb(after.peakRssKb)}); ${closedByServer.size} of ${silentSockets} silent sockets closed by the server; ` +
        `the first received ${seen.length} of ${count} (${holes ? `${holes} hole(s)` : "no holes"}), ` +
        `${newest - (seen.at(-1) ?? 0)} missing at its end; reconnecting after #${seen.at(-1)} ` +
        `brings ${caughtUp.length} message(s) up to #${caughtUp.at(-1)} (the room's newest: #${newest})`,
    );
  } finally {
    await server.stop();
  }
}

const previous = checkoutOf(ref);
try {
  await run(ref, previous.dir);
  await run("working tree");
} finally {
  previous.remove();
}
