import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, needsChromium } from "../support/browser.ts";
import { type Client, signUpOver } from "../support/client.ts";
import { type RunningServer, removeDataDir, startServer } from "../support/server.ts";
import { bannerGone, bannerShows, box, openRoomPage, pendingCount, shown } from "./room-page.ts";

/**
 * Sending as a person does it, with the rate limit on as in production: nothing typed is lost
 * or doubled, and only the person changes what is in the box.
 */
describe.skipIf(needsChromium.skip)("sending from the composer in a real browser", () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const errors: string[][] = [];
  let alice: Client;
  let carol: Client;
  let slug: string;
  let page: Page;
  let context: BrowserContext;

  beforeAll(async () => {
    server = await startServer({ env: { RATE_LIMIT: "on" } });
    [alice, carol] = await Promise.all([signUpOver(server.url, "alice"), signUpOver(server.url, "carol")]);
    slug = await alice.createRoom("Drafts");
    browser = await launchChromium();
    const opened = await openRoomPage(browser, server.url, alice, slug);
    ({ page, context } = opened);
    contexts.push(context);
    errors.push(opened.errors);
  });

  afterAll(async () => {
    for (const each of contexts) await each.close();
    await browser?.close();
    await server?.stop();
    if (server) removeDataDir(server);
  });

  const storedBodies = async (match: RegExp) =>
    (await alice.messages(slug)).map((m) => m.body).filter((body) => match.test(body));
  const goOffline = async () => {
    await context.setOffline(true);
    // Only the way into these stories (test/e2e/connection.test.ts holds the banner to its time):
    // on a machine busy with the rest of the suite the socket's close took over 3 s to report.
    await bannerShows(page, "offline", 10_000);
  };
  const goOnline = async () => {
    await context.setOffline(false);
    await bannerGone(page);
  };
  /**
   * Sends a text the way a page whose composer checks less would (an older page, a script):
   * straight to the outbox, past the composer's own refusal of an over-long text.
   */
  const sendPastTheComposer = (text: string) =>
    box(page).evaluate((el, text) => {
      const key = `past-composer-${Math.random().toString(16).slice(2)}`;
      const frame = JSON.stringify({ body: text, key, headers: {} });
      el.dispatchEvent(new CustomEvent("parley:send", { bubbles: true, detail: { key, body: text, frame } }));
    }, text);
  /** Lets the page finish what a key press started (htmx sends from a promise), without a timer. */
  const settled = (on: Page) => on.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));

  it("Enter pressed twice while offline: the box empties at once, the second Enter has nothing to send, stored once", async () => {
    await goOffline();
    await box(page).fill("only once please");
    await box(page).press("Enter");
    expect(await box(page).inputValue()).toBe("");
    const pending = page.locator(".pending-list .pending");
    await expect.poll(() => pending.count()).toBe(1);
    expect(await pending.locator(".body").textContent()).toBe("only once please");

    await box(page).press("Enter");
    await page.click("form.composer button[type=submit]");
    await settled(page);
    expect(await pending.count()).toBe(1);

    await goOnline();
    await expect.poll(() => shown(page, "only once please")).toBe(1);
    await expect.poll(() => pendingCount(page)).toBe(0);
    expect(await storedBodies(/^only once please$/)).toHaveLength(1);
  });

  it("a draft typed while offline survives the reconnect and the acknowledgement", async () => {
    await goOffline();
    await box(page).fill("sent while offline");
    await box(page).press("Enter");
    await box(page).pressSequentially("and this is my next thought");

    await goOnline();
    await expect.poll(() => shown(page, "sent while offline")).toBe(1);
    await expect.poll(() => pendingCount(page)).toBe(0);
    expect(await box(page).inputValue()).toBe("and this is my next thought");
    await box(page).fill("");
  });

  it("a refused send keeps its text, says why, and leaves the draft alone; edit gives the text back, discard drops it", async () => {
    const tooLong = `${"long ".repeat(800)}end`; // 4,003 characters: over the limit
    await goOffline();
    // The composer refuses it before sending; a page that sends it all the same meets the server's refusal.
    await sendPastTheComposer(tooLong);
    await box(page).fill("my draft");
    await goOnline();

    const refused = page.locator('.pending-list .pending[data-state="failed"]');
    await refused.waitFor();
    expect(await refused.locator("[role=alert]").textContent()).toBe(
      "Not sent: Messages are at most 4,000 characters.",
    );
    expect(await refused.locator(".body").textContent()).toBe(tooLong);
    expect(await box(page).inputValue()).toBe("my draft");

    // The refused text comes back before the draft (it was written first); nothing is lost.
    await refused.locator("button[data-action=edit]").click();
    expect(await box(page).inputValue()).toBe(`${tooLong}\n\nmy draft`);
    expect(await refused.count()).toBe(0);

    await box(page).fill("");
    await sendPastTheComposer(tooLong);
    await refused.waitFor();
    await refused.locator("button[data-action=discard]").click();
    expect(await refused.count()).toBe(0);
    expect(await storedBodies(/^long /)).toEqual([]);
  });

  it("a burst of 30 quick sends ends with all 30 stored once, in order, none left pending", async () => {
    const texts = Array.from({ length: 30 }, (_, n) => `burst ${n + 1}`);
    for (const text of texts) {
      await box(page).fill(text);
      await box(page).press("Enter");
    }
    await expect.poll(() => pendingCount(page)).toBe(0);
    expect(await storedBodies(/^burst \d+$/)).toEqual(texts);
    for (const text of texts) expect(await shown(page, text)).toBe(1);
    expect(errors.flat()).toEqual([]);
  });

  it("sends held by the rate limit stay in view with their text and go out when it allows: all stored, in order", async () => {
    const opened = await openRoomPage(browser, server.url, carol, slug);
    contexts.push(opened.context);
    // Another client of carol's (a script, say) uses up her limit and keeps it used up, so the
    // page's sends are refused however fast or slow this machine runs.
    const elsewhere = await carol.createRoom("Elsewhere");
    let draining = true;
    let limited!: () => void;
    const limitReached = new Promise<void>((resolve) => {
      limited = resolve;
    });
    const drainer = (async () => {
      while (draining) {
        const response = await carol.call(`/api/rooms/${elsewhere}/messages`, {
          method: "POST",
          body: JSON.stringify({ body: "elsewhere" }),
          headers: { "content-type": "application/json" },
        });
        if (response.status === 429) limited();
      }
    })();
    await limitReached;

    const texts = Array.from({ length: 12 }, (_, n) => `held ${n + 1}`);
    await opened.page.evaluate((all) => {
      const field = document.querySelector("form.composer textarea") as HTMLTextAreaElement;
      for (const text of all) {
        field.value = text;
        field.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true }));
      }
    }, texts);
    // Read in the page the moment one shows (it goes out again within moments).
    const held = await opened.page.waitForFunction(() => {
      const item = document.querySelector('.pending-list .pending[data-state="held"]');
      return item && [item.querySelector(".pending-status")?.textContent, item.querySelector(".body")?.textContent];
    });
    draining = false;
    await drainer;
    const [status, text] = (await held.jsonValue()) as [string, string];
    expect(status).toMatch(/^Sending too fast: this goes out again in/);
    expect(text).toMatch(/^held \d+$/);

    // The limit allows 5 a second once the other client stops: about 2.5 s for these.
    await expect.poll(() => pendingCount(opened.page), { timeout: 30_000 }).toBe(0);
    expect(await storedBodies(/^held \d+$/)).toEqual(texts);
    for (const each of texts) expect(await shown(opened.page, each)).toBe(1);
    expect(opened.errors).toEqual([]);
  }, 60_000);
});
