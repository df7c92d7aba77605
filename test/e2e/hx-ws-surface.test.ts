import { readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, needsChromium, signedInContext } from "../support/browser.ts";
import { type Client, signUpOver } from "../support/client.ts";
import { type RunningServer, removeDataDir, startServer } from "../support/server.ts";
import { bannerGone, bannerShows, box, pendingCount, shown } from "./room-page.ts";

declare global {
  interface Window {
    /** Each touch of an hx-ws connection's own fields by one of Parley's page scripts. */
    __touched: string[];
    /** Every frame hx-ws reports as sent (`htmx:ws:after:message:outgoing`). */
    __sent: string[];
  }
}

const readJson = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));

/**
 * static/ws-reconnect.js (the one extension) leans on how hx-ws behaves (its cleanup, its trigger, its
 * never-ending wait), so htmx.org is one exact version, the one the extension names: a new one
 * is taken on purpose, after reading its hx-ws and running the browser tests.
 */
describe("the htmx.org the page scripts were written against", () => {
  it("is pinned exactly, installed, and the version the reconnect extension names", () => {
    const pinned = readJson("../../package.json").dependencies["htmx.org"];
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(readJson("../../node_modules/htmx.org/package.json").version).toBe(pinned);
    expect(readFileSync(new URL("../../static/ws-reconnect.js", import.meta.url), "utf8")).toContain(
      `htmx.org ${pinned}, pinned`,
    );
  });
});

/**
 * Parley's page scripts lean on hx-ws only through its configuration, its events and its
 * elements (htmx.org is pinned, but an update must not break them in silence). Every field of
 * an hx-ws connection that hx-ws keeps for itself is watched from before the page's first
 * script: who reads or writes it is told by the caller's file.
 */
describe.skipIf(needsChromium.skip)("the page scripts on hx-ws's public surface", () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let alice: Client;
  let bob: Client;
  let slug: string;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    [alice, bob] = await Promise.all([signUpOver(server.url, "alice"), signUpOver(server.url, "bob")]);
    slug = await alice.createRoom("Surface");
    browser = await launchChromium();
    context = await signedInContext(browser, alice, server.url, { width: 1000, height: 720 });
    await context.addInitScript(() => {
      window.__touched = [];
      window.__sent = [];
      const own = [
        "config",
        "attempt",
        "timer",
        "visibilityHandler",
        "queue",
        "sending",
        "receiving",
        "abortController",
      ];
      const htmxFiles = /\/static\/(htmx|hx-ws|hx-upsert)\.js/;
      const watched = new WeakSet();
      const check = (field: string) => {
        // [0] "Error", [1] check, [2] the accessor, [3] whoever touched the field.
        const caller = new Error().stack?.split("\n")[3] ?? "";
        if (caller.includes("/static/") && !htmxFiles.test(caller)) window.__touched.push(`${field} ${caller.trim()}`);
      };
      document.addEventListener(
        "htmx:ws:before:connection",
        (event) => {
          const { connection } = (event as CustomEvent).detail;
          if (watched.has(connection)) return;
          watched.add(connection);
          for (const field of own) {
            let value = connection[field];
            Object.defineProperty(connection, field, {
              get: () => {
                check(field);
                return value;
              },
              set: (next) => {
                check(field);
                value = next;
              },
            });
          }
        },
        true,
      );
      document.addEventListener("htmx:ws:after:message:outgoing", (event) => {
        window.__sent.push(String((event as CustomEvent).detail.message.data));
      });
    });
    page = await context.newPage();
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${server.url}/rooms/${slug}`);
    await page.waitForFunction(() => window.__wsOpens >= 1);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
    if (server) removeDataDir(server);
  });

  const opens = () => page.evaluate(() => window.__wsOpens);
  const sentBodies = () =>
    page.evaluate(() =>
      window.__sent.flatMap((frame) => {
        const body = (JSON.parse(frame) as { body?: unknown }).body;
        return typeof body === "string" ? [body] : [];
      }),
    );

  it("sends through hx-ws, and reconnects, retries now and keeps a hidden room without touching its connection's own fields", async () => {
    await box(page).fill("through hx-ws");
    await box(page).press("Enter");
    await expect.poll(() => shown(page, "through hx-ws")).toBe(1);
    expect(await sentBodies()).toEqual(["through hx-ws"]);

    // A restart: the wait, a "Retry now" in the middle of it, and a send made meanwhile.
    const before = await opens();
    await server.stop();
    await bannerShows(page, "reconnecting", 3_000);
    await box(page).fill("while the server was away");
    await box(page).press("Enter");
    await page.click(".connection-retry");
    server = await startServer({ dataDir: server.dataDir, port: server.port });
    await page.waitForFunction((n) => window.__wsOpens > n, before, { timeout: 15_000 });
    await bannerGone(page);
    await expect.poll(() => shown(page, "while the server was away")).toBe(1);
    await expect.poll(() => pendingCount(page)).toBe(0);
    expect(await sentBodies()).toContain("while the server was away");

    // A hidden tab keeps its socket, and showing it again leaves an open one alone.
    const setHidden = (hidden: boolean) =>
      page.evaluate((value) => {
        Object.defineProperty(document, "hidden", { configurable: true, get: () => value });
        document.dispatchEvent(new Event("visibilitychange"));
      }, hidden);
    await setHidden(true);
    await bob.post(slug, "while hidden");
    await expect.poll(() => shown(page, "while hidden")).toBe(1);
    await setHidden(false);

    expect(await page.evaluate(() => window.__touched)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
