import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { expect } from "vitest";
import type { Client } from "../support/client.ts";

declare global {
  interface Window {
    /** What the page did, counted from before it loaded (see `openRoomPage`). */
    __room: { opens: number; closes: number; attempts: number[]; closeCodes: number[] };
  }
}

/**
 * A signed-in browser page on a room, instrumented from before its first script: every socket
 * attempt (the time the page made it), every open and every close that htmx reports. `options`
 * set the browser's context (a time zone, a locale, a colour scheme).
 */
export async function openRoomPage(
  browser: Browser,
  url: string,
  client: Client,
  slug: string,
  options: BrowserContextOptions = {},
) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 720 }, ...options });
  const [name, value] = client.cookie.split("=") as [string, string];
  await context.addCookies([{ name, value, url }]);
  await context.addInitScript(() => {
    const room = { opens: 0, closes: 0, attempts: [] as number[], closeCodes: [] as number[] };
    window.__room = room;
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(...args: ConstructorParameters<typeof WebSocket>) {
        super(...args);
        room.attempts.push(performance.now());
      }
    };
    document.addEventListener("htmx:ws:after:connection", () => room.opens++);
    document.addEventListener("htmx:ws:close", (event) => {
      room.closes++;
      room.closeCodes.push((event as CustomEvent).detail.code);
    });
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${url}/rooms/${slug}`);
  // Someone who has not joined sees the room's preview first: joining is a click, as for a person.
  if (await page.locator(".join-bar button").count()) await page.click(".join-bar button");
  await page.waitForFunction(() => window.__room.opens >= 1);
  return { page, context, errors };
}

export const box = (page: Page) => page.locator("form.composer textarea[name=body]");
export const shown = (page: Page, text: string) =>
  page
    .locator(".messages article.message .body")
    .filter({ hasText: new RegExp(`^${text}$`) })
    .count();
export const pendingCount = (page: Page) => page.locator(".pending-list .pending").count();
export const room = (page: Page) => page.evaluate(() => window.__room);

/** Waits for the next socket open after `opens` (an event the page reports, not a sleep). */
export const reopened = (page: Page, opens: number, timeout = 15_000) =>
  page.waitForFunction((n) => window.__room.opens > n, opens, { timeout });

/** The state the connection status shows (`data-state`), once it is on screen. */
export const bannerShows = (page: Page, state: string, timeout = 5_000) =>
  page.waitForSelector(`.connection[data-shown="true"][data-state="${state}"]`, { timeout });
export const bannerGone = (page: Page, timeout = 15_000) =>
  page.waitForSelector('.connection[data-shown="false"][data-state="connected"]', { state: "attached", timeout });

/** Waits until the next automatic retry is at least two seconds away ("Next try in 3 s." or "4 s."). */
export const retryIsFarOff = (page: Page, timeout = 15_000) =>
  page.waitForFunction(
    () => /Next try in [34] s/.test(document.querySelector(".connection-countdown")?.textContent ?? ""),
    undefined,
    { timeout, polling: 50 },
  );

/** What the page lists, in DOM order, is the room's newest stored messages: each once, in id order, none missing. */
export async function expectPageMatchesDatabase(page: Page, client: Client, slug: string) {
  const ids = await page.$$eval(".messages article[data-message-id]", (items) =>
    items.map((item) => Number(item.getAttribute("data-message-id"))),
  );
  const stored = (await client.messages(slug)).map((m) => m.id);
  expect(ids.length).toBeGreaterThan(0);
  expect(ids).toEqual(stored.slice(-ids.length));
}
