import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { needsChromium } from "../support/browser.ts";
import { serverAndBrowser } from "../support/browser-server.ts";
import { type Client, signUpOver } from "../support/client.ts";

/** Opening a room's link shows it before joining; the header's member count lists who is in it. */
describe.skipIf(needsChromium.skip)("a room's preview and its member list, in a real browser", () => {
  const the = serverAndBrowser();
  const shots = process.env.SCREENSHOTS;

  const pageOf = async (client: Client, width: number, colorScheme: "light" | "dark") => {
    const context = await the.browser.newContext({ viewport: { width, height: 760 }, colorScheme });
    const [name, value] = client.cookie.split("=") as [string, string];
    await context.addCookies([{ name, value, url: the.server.url }]);
    return context.newPage();
  };
  const shoot = async (page: Page, name: string) => {
    if (shots) await page.screenshot({ path: `${shots}/${name}.png` });
  };

  it("shows a room to someone who has not joined, with a Join button instead of the composer, and joins on it", async () => {
    const [maya, jonas] = await Promise.all([signUpOver(the.server.url, "maya"), signUpOver(the.server.url, "jonas")]);
    const slug = await maya.createRoom("Design reviews");
    for (const body of ["New onboarding screens are up", "Looks good: ship it **today**"]) await maya.post(slug, body);

    for (const [width, scheme] of [
      [1280, "light"],
      [375, "dark"],
    ] as const) {
      const page = await pageOf(jonas, width, scheme);
      await page.goto(`${the.server.url}/rooms/${slug}`);
      await expect.poll(() => page.locator(".message .body").count()).toBe(2);
      expect(await page.locator("form.composer").count()).toBe(0);
      expect(await page.locator("[hx-ws\\:connect]").count()).toBe(0);
      await expect.poll(() => page.locator(".join-bar button").textContent()).toBe("Join room");
      await shoot(page, `preview-${width}-${scheme}`);
      await page.context().close();
    }
    // Looking joined nothing: the room is not among jonas's rooms, nor counted as his.
    expect((await (await jonas.call("/")).text()).includes("1 member")).toBe(false);
    const page = await pageOf(jonas, 1280, "light");
    await page.goto(`${the.server.url}/rooms/${slug}`);
    await expect.poll(() => page.locator(".member-count").textContent()).toContain("1 member");
    await page.click(".join-bar button");
    await page.waitForSelector("form.composer textarea");
    await expect.poll(() => page.locator(".member-count").textContent()).toContain("2 members");
    await page.fill("form.composer textarea", "Joined, and saying hello");
    await page.press("form.composer textarea", "Enter");
    await expect.poll(async () => (await maya.messages(slug)).map((m) => m.body)).toContain("Joined, and saying hello");
    await page.context().close();
  });

  it("opens the member list from the header: names, avatars, who is here now", async () => {
    const [ada, bob] = await Promise.all([signUpOver(the.server.url, "ada"), signUpOver(the.server.url, "bob")]);
    const slug = await ada.createRoom("Crew");
    await bob.call(`/rooms/${slug}/join`, { method: "POST" });
    for (const [width, scheme] of [
      [1280, "light"],
      [375, "dark"],
    ] as const) {
      const page = await pageOf(ada, width, scheme);
      await page.goto(`${the.server.url}/rooms/${slug}`);
      await page.waitForSelector(".member-count .here-count");
      await page.click(".member-count");
      const list = page.locator(".member-list");
      await expect.poll(() => list.isVisible()).toBe(true);
      await expect.poll(() => list.locator(".member-name").allTextContents()).toEqual(["ada", "bob"]);
      await expect.poll(() => list.locator("li:has(.here-now) .member-name").allTextContents()).toEqual(["ada"]);
      await shoot(page, `members-${width}-${scheme}`);
      await page.keyboard.press("Escape");
      await expect.poll(() => list.isVisible()).toBe(false);
      await page.context().close();
    }
  });
});
