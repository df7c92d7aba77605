import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, needsChromium } from "../support/browser.ts";
import { type Client, signUpOver } from "../support/client.ts";
import { type RunningServer, removeDataDir, startServer } from "../support/server.ts";
import {
  bannerGone,
  bannerShows,
  box,
  expectPageMatchesDatabase,
  openRoomPage,
  pendingCount,
  reopened,
  retryIsFarOff,
  room,
  shown,
} from "./room-page.ts";

/** The connection as a person sees it: its state on the page, and how fast it comes back. */
describe.skipIf(needsChromium.skip)("the room's connection in a real browser", () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let alice: Client;
  let bob: Client;
  let slug: string;

  beforeAll(async () => {
    server = await startServer();
    [alice, bob] = await Promise.all([signUpOver(server.url, "alice"), signUpOver(server.url, "bob")]);
    slug = await alice.createRoom("Standup");
    browser = await launchChromium();
    ({ page, context, errors } = await openRoomPage(browser, server.url, alice, slug));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
    if (server) removeDataDir(server);
  });

  const restart = async () => {
    server = await startServer({ dataDir: server.dataDir, port: server.port });
  };
  const statusText = () => page.locator(".connection [role=status]").textContent();
  const lastCloseAgo = () =>
    page.evaluate(() => performance.now() - (window as unknown as { __lastClose: number }).__lastClose);

  it("shows nothing while connected; its status line is a polite live region from the start", async () => {
    const status = page.locator(".connection [role=status]");
    expect(await status.getAttribute("aria-live")).toBe("polite");
    expect(await status.textContent()).toBe("");
    expect(await page.getAttribute(".connection", "data-shown")).toBe("false");
    expect(await page.locator(".connection-retry").isVisible()).toBe(false);
  });

  it("says 'reconnecting' within 2 s of the server stopping, moves nothing, and goes once the restarted server answers", async () => {
    await bob.post(slug, "before the restart");
    await expect.poll(() => shown(page, "before the restart")).toBe(1);
    const timeline = await page.locator(".timeline").boundingBox();
    const { opens } = await room(page);
    await page.evaluate(() =>
      document.addEventListener("htmx:ws:close", () => {
        (window as unknown as { __lastClose: number }).__lastClose = performance.now();
      }),
    );

    await server.stop();
    await bannerShows(page, "reconnecting", 3_000);
    expect(await lastCloseAgo()).toBeLessThan(2_000);
    expect(await statusText()).toBe("Connection lost. Reconnecting…");
    expect(await page.locator(".connection-retry").isVisible()).toBe(true);
    expect(await page.locator(".timeline").boundingBox()).toEqual(timeline);

    // What alice sends meanwhile waits, visibly, and goes out once the server is back.
    await box(page).fill("sent during the restart");
    await box(page).press("Enter");
    expect(await box(page).inputValue()).toBe("");
    await expect
      .poll(() => page.locator(".pending-list .pending-status").textContent())
      .toBe("Waiting for the connection…");

    await restart();
    for (const n of [1, 2]) await bob.post(slug, `posted during the restart ${n}`);
    await reopened(page, opens);
    await bannerGone(page);
    expect(await statusText()).toBe("Connected again.");
    for (const text of ["posted during the restart 1", "posted during the restart 2", "sent during the restart"]) {
      await expect.poll(() => shown(page, text)).toBe(1);
    }
    await expect.poll(() => pendingCount(page)).toBe(0);
    expect((await alice.messages(slug)).filter((m) => m.body === "sent during the restart")).toHaveLength(1);
    await expectPageMatchesDatabase(page, alice, slug);
  });

  it("tries at once when the tab is shown again and on 'Retry now', instead of waiting for the next try", async () => {
    const { opens } = await room(page);
    await server.stop();
    await bannerShows(page, "reconnecting", 3_000);

    // Headless Chromium cannot hide a tab; this is the event hx-ws and Parley both listen to.
    await retryIsFarOff(page);
    const shownAgain = await page.evaluate(() => {
      const at = performance.now();
      document.dispatchEvent(new Event("visibilitychange"));
      return { at, attempts: window.__room.attempts.length };
    });
    await page.waitForFunction((n) => window.__room.attempts.length > n, shownAgain.attempts);
    expect((await room(page)).attempts[shownAgain.attempts]).toBeLessThan(shownAgain.at + 500);

    await retryIsFarOff(page);
    const before = (await room(page)).attempts.length;
    const clickedAt = await page.evaluate(() => performance.now());
    await page.click(".connection-retry");
    await page.waitForFunction((n) => window.__room.attempts.length > n, before);
    expect((await room(page)).attempts[before]).toBeLessThan(clickedAt + 500);

    await restart();
    await reopened(page, opens);
    await bannerGone(page);
  });

  it("shows 'offline' as soon as the browser goes offline, and reconnects the moment it is back", async () => {
    const { opens } = await room(page);
    await page.evaluate(() =>
      window.addEventListener("online", () => {
        (window as unknown as { __onlineAt: number }).__onlineAt = performance.now();
      }),
    );
    await context.setOffline(true);
    await bannerShows(page, "offline", 3_000);
    expect(await statusText()).toBe("You are offline. Messages wait here until you are back.");
    await retryIsFarOff(page);

    const before = (await room(page)).attempts.length;
    await context.setOffline(false);
    await reopened(page, opens);
    const { attempts } = await room(page);
    const onlineAt = await page.evaluate(() => (window as unknown as { __onlineAt: number }).__onlineAt);
    expect(attempts[before]).toBeLessThan(onlineAt + 500);
    await bannerGone(page);
  });

  it("wakes from sleep (page frozen through a restart) to exactly what the room holds", async () => {
    const { opens } = await room(page);
    const cdp = await context.newCDPSession(page);
    await cdp.send("Page.setWebLifecycleState", { state: "frozen" });
    await server.stop();
    await restart();
    for (const n of [1, 2, 3]) await bob.post(slug, `while asleep ${n}`);
    await cdp.send("Page.setWebLifecycleState", { state: "active" });

    await reopened(page, opens);
    for (const n of [1, 2, 3]) await expect.poll(() => shown(page, `while asleep ${n}`)).toBe(1);
    await bob.post(slug, "awake again");
    await expect.poll(() => shown(page, "awake again")).toBe(1);
    await expectPageMatchesDatabase(page, alice, slug);
    await cdp.detach();
  });

  it("signed out elsewhere: says so at once, links to log in, keeps the draft and stops trying", async () => {
    const logout = await alice.call("/logout", { method: "POST" });
    expect(logout.status).toBe(303);
    // The server ends the session's sockets at log-out: the page hears it without reconnecting.
    await bannerShows(page, "final");
    expect((await room(page)).closeCodes.at(-1)).toBe(4401);
    expect(await statusText()).toBe("Signed out: log in again to keep chatting.");
    const login = page.locator(".connection-link");
    expect(await login.textContent()).toBe("Log in");
    expect(await login.getAttribute("href")).toBe(`/login?next=${encodeURIComponent(`/rooms/${slug}`)}`);
    expect(await page.locator(".connection-retry").isVisible()).toBe(false);

    // Nothing makes it try again: not the network, not the tab, not hx-ws's own loop.
    const attempts = await page.evaluate(async () => {
      const before = window.__room.attempts.length;
      window.dispatchEvent(new Event("online"));
      document.dispatchEvent(new Event("visibilitychange"));
      await new Promise((resolve) => setTimeout(resolve, 0));
      return { before, after: window.__room.attempts.length };
    });
    expect(attempts.after).toBe(attempts.before);
    expect(
      await page.evaluate(
        () =>
          (document.querySelector("[hx-ws\\:connect]") as unknown as { _htmx?: { ws?: { connection?: object } } })._htmx
            ?.ws?.connection,
      ),
    ).toBeUndefined();

    // What alice types stays hers: the box keeps it, and the page says why it cannot go.
    await box(page).fill("a draft nobody can send");
    await box(page).press("Enter");
    expect(await box(page).inputValue()).toBe("a draft nobody can send");
    expect(await page.locator("form.composer button[type=submit]").isDisabled()).toBe(true);
    expect(errors).toEqual([]);
  });
});
