/**
 * How long a room page takes to show new messages once the connection could work again, in
 * real Chromium against the real server:
 *
 * - restart: the server stops; after the outage it starts again on the same port and data
 *   folder. Measured from the moment it listens (and a message is posted at once) to that
 *   message being on the page.
 * - visible: the same restart while the tab is hidden (hx-ws closes a hidden tab's socket); the
 *   tab is shown the moment the server listens again.
 * - online: the browser goes offline for the outage (the server stays up; a message is posted
 *   meanwhile) and comes back online. Measured from the `online` moment.
 *
 * Usage: npx tsx scripts/reconnect-timing.ts [--outages 5,15,60] [--runs 1]
 *        [--paths restart,visible,online] [--root <checkout>]   (--root: time another checkout)
 * Prints a Markdown table (ms, per run).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { Page } from "playwright-core";
import { launchChromium } from "../test/support/browser.ts";
import { listeningPort, stopProcess } from "./child-server.ts";

const { values } = parseArgs({
  options: {
    outages: { type: "string", default: "5,15,60" },
    runs: { type: "string", default: "1" },
    paths: { type: "string", default: "restart,visible,online" },
    root: { type: "string", default: resolve(import.meta.dirname, "..") },
  },
});
const outages = values.outages.split(",").map(Number);
const runs = Number(values.runs);
const paths = values.paths.split(",");
const root = resolve(values.root);
const dataDir = mkdtempSync(join(tmpdir(), "parley-timing-"));

let port = 0;
let child: ChildProcess | null = null;
/** Starts the server (Bun, from source) and resolves when it listens: the moment it can answer. */
async function start() {
  child = spawn(join(root, "node_modules", ".bin", "bun"), ["src/runtime/bun.ts"], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, RATE_LIMIT: "off" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  port = await listeningPort(child);
  return Date.now();
}
const stop = () => (child ? stopProcess(child) : Promise.resolve());
const url = () => `http://localhost:${port}`;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function signUp(username: string) {
  const response = await fetch(`${url()}/signup`, {
    method: "POST",
    body: new URLSearchParams({ username, password: "a long enough secret" }),
    headers: { origin: url() },
    redirect: "manual",
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("parley_session="));
  if (!cookie) throw new Error(`sign-up of ${username} failed: ${response.status}`);
  return cookie.split(";")[0] as string;
}
const call = (cookie: string, path: string, init: RequestInit = {}) =>
  fetch(`${url()}${path}`, { ...init, redirect: "manual", headers: { origin: url(), cookie, ...init.headers } });

await start();
const [alice, bob] = [await signUp("alice"), await signUp("bob")];
const slug = (
  (await call(alice, "/rooms", { method: "POST", body: new URLSearchParams({ name: "Timing" }) })).headers.get(
    "location",
  ) as string
).replace("/rooms/", "");
const post = async (body: string) => {
  const response = await call(bob, `/api/rooms/${slug}/messages`, {
    method: "POST",
    body: JSON.stringify({ body }),
    headers: { "content-type": "application/json" },
  });
  if (!response.ok) throw new Error(`post failed: ${response.status}`);
};

const browser = await launchChromium();
const context = await browser.newContext();
const [name, value] = alice.split("=") as [string, string];
await context.addCookies([{ name, value, url: url() }]);
// The page's own clock (same machine as ours): when each message text first appears, and when
// each socket opens. A string, so no build step rewrites it.
await context.addInitScript(`
  window.__opens = [];
  window.__arrivals = {};
  document.addEventListener("htmx:ws:after:connection", () => window.__opens.push(Date.now()));
  document.addEventListener("DOMContentLoaded", () => {
    const timeline = document.querySelector(".timeline");
    if (!timeline) return;
    new MutationObserver(() => {
      for (const body of timeline.querySelectorAll(".messages .body")) {
        if (!(body.textContent in window.__arrivals)) window.__arrivals[body.textContent] = Date.now();
      }
    }).observe(timeline, { childList: true, subtree: true });
  });
`);
const page: Page = await context.newPage();
await page.goto(`${url()}/rooms/${slug}`);
await page.waitForFunction("window.__opens.length >= 1");

const arrival = async (text: string) => {
  const handle = await page.waitForFunction(`window.__arrivals[${JSON.stringify(text)}]`, undefined, {
    timeout: 180_000,
  });
  return (await handle.jsonValue()) as number;
};
const setHidden = (hidden: boolean) =>
  page.evaluate(`(() => {
    Object.defineProperty(document, "hidden", { configurable: true, get: () => ${hidden} });
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "${hidden ? "hidden" : "visible"}" });
    document.dispatchEvent(new Event("visibilitychange"));
  })()`);
const connected = async () => {
  await page.waitForFunction(
    `document.querySelector("[hx-ws\\\\:connect]")?._htmx?.ws?.connection?.socket?.readyState === 1`,
    undefined,
    { timeout: 180_000 },
  );
};

/** One measurement: ms from "it could work again" to the message on the page. */
const scenarios: Record<string, (outageMs: number, text: string) => Promise<number>> = {
  async restart(outageMs, text) {
    await stop();
    await sleep(outageMs);
    const back = await start();
    await post(text);
    return (await arrival(text)) - back;
  },
  async visible(outageMs, text) {
    await setHidden(true);
    await stop();
    await sleep(outageMs);
    const back = await start();
    await post(text);
    await setHidden(false);
    return (await arrival(text)) - back;
  },
  async online(outageMs, text) {
    await context.setOffline(true);
    await sleep(Math.max(0, outageMs - 200));
    await post(text);
    await sleep(200);
    const back = Date.now();
    await context.setOffline(false);
    return (await arrival(text)) - back;
  },
};

const rows: string[] = [];
for (const path of paths) {
  const measure = scenarios[path];
  if (!measure) throw new Error(`unknown path ${path}: restart, visible or online`);
  for (const outage of outages) {
    const times: number[] = [];
    for (let run = 1; run <= runs; run++) {
      await connected();
      times.push(await measure(outage * 1000, `${path} ${outage}s run ${run}`));
      console.error(`${path} after ${outage} s: ${times.at(-1)} ms`);
    }
    rows.push(`| ${path} | ${outage} s | ${times.join(", ")} |`);
  }
}
console.log(["| path | outage | ms to first message on the page |", "|---|---|---|", ...rows].join("\n"));

await browser.close();
await stop();
rmSync(dataDir, { recursive: true, force: true });
