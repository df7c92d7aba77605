import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { needsChromium } from "../support/browser.ts";
import { serverAndBrowser } from "../support/browser-server.ts";
import { type Client, signUpOver } from "../support/client.ts";

/**
 * A private room made with the home page's form and a direct message started from a profile:
 * both in their people's sidebars, and nowhere for a third person, whose guesses of their
 * addresses get the very page a made-up address gets.
 */
describe.skipIf(needsChromium.skip)("private rooms and direct messages, in a real browser", () => {
  const the = serverAndBrowser();
  const shots = process.env.SCREENSHOTS;

  const pageOf = async (client: Client, width = 1280, colorScheme: "light" | "dark" = "light") => {
    const context = await the.browser.newContext({ viewport: { width, height: 800 }, colorScheme });
    const [name, value] = client.cookie.split("=") as [string, string];
    await context.addCookies([{ name, value, url: the.server.url }]);
    return context.newPage();
  };
  const shoot = async (page: Page, name: string) => {
    if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
  };
  const slugOf = (page: Page) => new URL(page.url()).pathname.replace("/rooms/", "");

  it("keeps a private room and a DM from a third person: not listed, and their addresses a made-up slug's 404", async () => {
    const [maya, lena, jonas] = await Promise.all([
      signUpOver(the.server.url, "maya"),
      signUpOver(the.server.url, "lena"),
      signUpOver(the.server.url, "jonas"),
    ]);
    const page = await pageOf(maya);
    await page.goto(`${the.server.url}/`);
    await page.fill("#room-name", "Launch plans");
    await page.getByLabel("Private").check();
    await shoot(page, "create-private-1280-light");
    await page.click("#create-room button[type=submit]");
    await page.waitForSelector("form.composer textarea");
    const privateSlug = slugOf(page);
    await page.fill("form.composer textarea", "Embargoed until Friday");
    await page.press("form.composer textarea", "Enter");
    await expect
      .poll(async () => (await maya.messages(privateSlug)).map((m) => m.body))
      .toEqual(["Embargoed until Friday"]);

    await shoot(page, "private-room-1280-light");
    await page.goto(`${the.server.url}/u/lena`);
    await shoot(page, "profile-1280-light");
    await page.getByRole("button", { name: "Message lena" }).click();
    await page.waitForSelector("form.composer textarea");
    const directSlug = slugOf(page);
    expect(directSlug).toMatch(/^dm-[a-z0-9]{10}$/);
    await expect.poll(() => page.locator(".room-title h1").textContent()).toBe("lena");
    const directLink = page.locator('nav[aria-labelledby="direct-title"] a');
    await expect.poll(() => directLink.textContent()).toContain("lena");
    await page.fill("form.composer textarea", "Coffee at 3?");
    await page.press("form.composer textarea", "Enter");
    await expect.poll(async () => (await lena.messages(directSlug)).map((m) => m.body)).toEqual(["Coffee at 3?"]);
    await page.context().close();

    // Every width and scheme only for pictures (SCREENSHOTS): what is checked reads the same in each.
    const views = [
      [1280, "light"],
      [1280, "dark"],
      [375, "light"],
      [375, "dark"],
    ] as const;
    for (const [width, scheme] of shots ? views : views.slice(0, 1)) {
      const lenas = await pageOf(lena, width, scheme);
      await lenas.goto(`${the.server.url}/rooms/${directSlug}`);
      await lenas.waitForSelector(".message .body");
      await expect.poll(() => lenas.locator(".room-title h1").textContent()).toBe("maya");
      await shoot(lenas, `direct-${width}-${scheme}`);
      await lenas.goto(`${the.server.url}/`);
      await shoot(lenas, `home-${width}-${scheme}`);
      await lenas.context().close();
    }

    const third = await pageOf(jonas);
    await third.goto(`${the.server.url}/`);
    const home = (await third.locator("main").textContent()) ?? "";
    for (const word of ["Launch plans", "maya, lena", privateSlug, directSlug]) expect(home).not.toContain(word);
    const madeUp = await third.goto(`${the.server.url}/rooms/no-such-room-at-all`);
    const nothing = { main: await third.locator("main").innerHTML(), title: await third.title() };
    for (const slug of [privateSlug, directSlug]) {
      const guess = await third.goto(`${the.server.url}/rooms/${slug}`);
      expect(guess?.status()).toBe(404);
      expect(guess?.status()).toBe(madeUp?.status());
      expect({ main: await third.locator("main").innerHTML(), title: await third.title() }).toEqual(nothing);
    }
    await shoot(third, "guess-1280-light");
    await third.context().close();
  });
});
