import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { needsChromium, signedInContext } from "../support/browser.ts";
import { serverAndBrowser } from "../support/browser-server.ts";
import { type Client, signUpOver } from "../support/client.ts";

/**
 * Finding things again: lena searches for a word, finds it in a room she reads and not in maya's
 * private room, opens the result and lands on that message, marked and focused, in its
 * conversation; then Ctrl+K takes her to another room from the keyboard.
 */
describe.skipIf(needsChromium.skip)("search, links to a message and the quick switcher, in a real browser", () => {
  const the = serverAndBrowser();
  const shots = process.env.SCREENSHOTS;

  const pageOf = async (client: Client, width = 1280, colorScheme: "light" | "dark" = "light") => {
    const context = await the.browser.newContext({ viewport: { width, height: 800 }, colorScheme });
    const [name, value] = client.cookie.split("=") as [string, string];
    await context.addCookies([{ name, value, url: the.server.url }]);
    return context.newPage();
  };
  const shoot = async (page: Page, name: string, fullPage = false) => {
    if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage });
  };
  const form = (fields: Record<string, string>) => ({
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });

  it("finds a word where the person reads, opens it in its conversation, and switches rooms with Ctrl+K", async () => {
    const [maya, lena] = await Promise.all([signUpOver(the.server.url, "maya"), signUpOver(the.server.url, "lena")]);
    const harbour = await maya.createRoom("Harbour");
    await maya.createRoom("General");
    const secret = await maya.call("/rooms", form({ name: "Secret plans", visibility: "private" }));
    const secretSlug = (secret.headers.get("location") ?? "").replace("/rooms/", "");
    for (const slug of [harbour, "general"]) await lena.call(`/rooms/${slug}/join`, form({}));
    await maya.post(secretSlug, "The lighthouse keys are under the mat");
    const boats = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `Boat ${from + i} is in`);
    // Forty before the one to find, thirty after it, the last of them last.
    await maya.postMany(harbour, boats(0, 40));
    await maya.post(harbour, "The lighthouse opens at dawn, <b>bring</b> a torch");
    await maya.postMany(harbour, boats(40, 69));
    await maya.post(harbour, "Boat 69 is in");
    const linked = (await maya.messages(harbour)).find((m) => m.body.includes("lighthouse"))?.id;

    const page = await pageOf(lena);
    await page.goto(`${the.server.url}/rooms/general`);
    await page.getByLabel("Search messages in your rooms").fill("Lighthouse");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/search\?q=Lighthouse/);
    const results = page.locator(".search-results .found");
    await expect.poll(() => results.count()).toBe(1);
    expect(await results.locator(".found-text").textContent()).toBe(
      "The lighthouse opens at dawn, <b>bring</b> a torch",
    );
    expect(await results.locator("mark").allTextContents()).toEqual(["lighthouse"]);
    expect(await page.locator("main").textContent()).not.toContain("keys are under the mat");
    expect(await results.locator(".found-room").textContent()).toContain("Harbour");
    // Both widths always; both schemes of each only for pictures (SCREENSHOTS): nothing checked here reads colours.
    const views = [
      [1280, "light"],
      [375, "dark"],
      [1280, "dark"],
      [375, "light"],
    ] as const;
    for (const [width, scheme] of shots ? views : views.slice(0, 2)) {
      const other = await pageOf(lena, width, scheme);
      await other.goto(`${the.server.url}/search?q=lighthouse+dawn`);
      await shoot(other, `search-${width}-${scheme}`, true);
      await other.goto(`${the.server.url}/search?q=nothing+like+this`);
      await shoot(other, `search-none-${width}-${scheme}`);
      await other.goto(`${the.server.url}/rooms/${harbour}?at=${linked}`);
      await other.waitForSelector(".message.linked");
      await shoot(other, `room-at-message-${width}-${scheme}`);
      await other.keyboard.press("Control+k");
      await other.waitForSelector("dialog.switcher[open]");
      await other.keyboard.type("a");
      await shoot(other, `switcher-${width}-${scheme}`);
      await other.context().close();
    }

    await results.locator(".found-text").click();
    await page.waitForURL(new RegExp(`/rooms/${harbour}\\?at=${linked}`));
    const message = page.locator(`.message[data-message-id="${linked}"]`);
    await expect.poll(() => message.getAttribute("class")).toContain("linked");
    // In view, in the middle of the timeline, with focus for the keyboard.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-message-id")))
      .toBe(String(linked));
    const inView = () =>
      page.evaluate((id) => {
        const timeline = document.querySelector(".timeline")?.getBoundingClientRect();
        const box = document.querySelector(`[data-message-id="${id}"]`)?.getBoundingClientRect();
        return !!timeline && !!box && box.top >= timeline.top && box.bottom <= timeline.bottom;
      }, linked);
    await expect.poll(inView).toBe(true);
    // The newest are below it, loaded whole: the page follows the room from here.
    expect(await page.locator(".messages[role=log] .message").last().textContent()).toContain("Boat 69 is in");

    // Ctrl+K: the switcher lists her rooms; typing narrows, Enter opens the one chosen.
    await page.keyboard.press("Control+k");
    const dialog = page.locator("dialog.switcher");
    await expect.poll(() => dialog.evaluate((d: HTMLDialogElement) => d.open)).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("switcher-q");
    expect(await dialog.locator("[role=option]").allTextContents()).toEqual(["#General", "#Harbour"]);
    await page.keyboard.type("gen");
    expect(await dialog.locator("[role=option]").allTextContents()).toEqual(["#General"]);
    // Escape closes it and gives focus back to the message.
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.evaluate((d: HTMLDialogElement) => d.open)).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-message-id"))).toBe(String(linked));
    await page.keyboard.press("Control+k");
    await page.keyboard.type("gen");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/rooms\/general$/);
    await page.waitForSelector("form.composer textarea");
    await page.context().close();
  }, 120_000);

  it("opens a message far back without losing it to the socket's catch-up, and lets live messages in below", async () => {
    const maya = await signUpOver(the.server.url, "ada");
    const slug = await maya.createRoom("Archive");
    await maya.post(slug, "The first minutes of the archive");
    await maya.postMany(
      slug,
      Array.from({ length: 360 }, (_, i) => `Entry ${i}`),
    );
    const [first] = await maya.messages(slug);
    const context = await signedInContext(the.browser, maya, the.server.url, { width: 1280, height: 800 });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${the.server.url}/rooms/${slug}?at=${first?.id}`);
    await page.waitForSelector(".message.linked");
    await page.waitForFunction(() => (window as unknown as { __wsOpens: number }).__wsOpens >= 1);
    // Connected and caught up: the linked message and its neighbours are still there, nothing jumped.
    await maya.post(slug, "A live one");
    const live = page.locator(".messages[role=log] .message");
    await expect.poll(() => live.allTextContents()).toEqual([expect.stringContaining("A live one")]);
    expect(await page.locator(`.message.linked[data-message-id="${first?.id}"]`).count()).toBe(1);
    expect(await page.locator(".earlier .message").count()).toBe(26);
    await shoot(page, "room-at-far-message-1280-light");
    await page.getByRole("link", { name: "Jump to latest" }).click();
    await page.waitForURL(new RegExp(`/rooms/${slug}$`));
    await expect.poll(() => page.locator(".messages[role=log] .message").last().textContent()).toContain("A live one");
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);
});
