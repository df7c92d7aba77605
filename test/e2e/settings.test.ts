import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, needsChromium } from "../support/browser.ts";
import { signUpOver } from "../support/client.ts";
import { type RunningServer, removeDataDir, startServer } from "../support/server.ts";

describe.skipIf(needsChromium.skip)("settings in a real browser", () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (server) removeDataDir(server);
  });

  it("creates a token once however often the page is reloaded, and shows its secret only once", async () => {
    const alice = await signUpOver(server.url, "alice");
    const context = await browser.newContext();
    const [name, value] = alice.cookie.split("=") as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
    const page = await context.newPage();
    await page.goto(`${server.url}/settings`);
    await page.fill("#token-name", "deploy bot");
    await Promise.all([
      page.waitForURL(`${server.url}/settings`),
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
