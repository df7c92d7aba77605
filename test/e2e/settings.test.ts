import { describe, expect, it } from "vitest";
import { needsChromium } from "../support/browser.ts";
import { serverAndBrowser } from "../support/browser-server.ts";
import { signUpOver } from "../support/client.ts";

describe.skipIf(needsChromium.skip)("settings in a real browser", () => {
  const the = serverAndBrowser();

  it("creates a token once however often the page is reloaded, and shows its secret only once", async () => {
    const alice = await signUpOver(the.server.url, "alice");
    const context = await the.browser.newContext();
    const [name, value] = alice.cookie.split("=") as [string, string];
    await context.addCookies([{ name, value, url: the.server.url }]);
    const page = await context.newPage();
    await page.goto(`${the.server.url}/settings`);
    await page.fill("#token-name", "deploy bot");
    await Promise.all([
      page.waitForURL(`${the.server.url}/settings`),
      page.click('form[action="/settings/tokens"] button'),
    ]);
    const rows = page.locator(".tokens li");
    expect(await rows.count()).toBe(1);
    expect(await page.locator(".token").count()).toBe(1);

    // A reload is a GET after the redirect: nothing is posted again, the secret is gone.
    await page.reload();
    expect(await rows.count()).toBe(1);
    expect(await page.locator(".token").count()).toBe(0);
    await context.close();
  });
});
