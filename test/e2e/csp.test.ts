import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, needsChromium } from "../support/browser.ts";
import { type Client, signUpOver } from "../support/client.ts";
import { type RunningServer, removeDataDir, startServer } from "../support/server.ts";

declare global {
  interface Window {
    __violations: string[];
    __wsOpen?: boolean;
  }
}

/** The room page under its strict Content-Security-Policy: htmx, its socket and its swaps all work, and nothing is blocked. */
describe.skipIf(needsChromium.skip)("the content security policy in a real browser", () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let bob: Client;
  let slug: string;
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  const policies: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    const alice = await signUpOver(server.url, "alice");
    bob = await signUpOver(server.url, "bob");
    slug = await bob.createRoom("Lobby");
    // More than a page of history, so "Load older" (an hx-get) has something to fetch.
    for (let i = 1; i <= 60; i++) await bob.post(slug, `history ${i}`);
    await alice.call(`/rooms/${slug}/join`, { method: "POST" });

    browser = await launchChromium();
    context = await browser.newContext();
    const [name, value] = alice.cookie.split("=") as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
    await context.addInitScript(() => {
      window.__violations = [];
      document.addEventListener("securitypolicyviolation", (event) =>
        window.__violations.push(`${event.violatedDirective} blocked ${event.blockedURI} (${event.sample})`),
      );
      document.addEventListener("htmx:ws:after:connection", () => {
        window.__wsOpen = true;
      });
    });
    page = await context.newPage();
    page.on("console", (message) => {
      // The browser's own favicon request is not the page's doing.
      if (message.type() === "error" && !message.location().url.endsWith("/favicon.ico")) {
        consoleErrors.push(`${message.text()} ${message.location().url}`);
      }
    });
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("response", (response) => {
      if (response.request().resourceType() === "document") {
        policies.push(response.headers()["content-security-policy"] ?? "none");
      }
    });
    await page.goto(`${server.url}/rooms/${slug}`);
    await page.waitForFunction(() => window.__wsOpen === true);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
    if (server) removeDataDir(server);
  });

  it("is sent with the page", () => {
    expect(policies).toHaveLength(1);
    expect(policies[0]).toContain("script-src 'self'");
    expect(policies[0]).not.toMatch(/unsafe-inline|unsafe-eval/);
  });

  it("lets htmx send over the socket and swap in the broadcast", async () => {
    await page.fill("form.composer textarea[name=body]", "under a strict policy");
    await page.press("form.composer textarea[name=body]", "Enter");
    await expect
      .poll(() => page.locator(".messages article.message .body", { hasText: "under a strict policy" }).count())
      .toBe(1);
    bob.post(slug, "from bob, live");
    await expect.poll(() => page.locator(".messages .body", { hasText: "from bob, live" }).count()).toBe(1);
  });

  it("lets htmx fetch older messages", async () => {
    // Scrolled to the top, the page asks for the older page itself (static/room.js), through htmx.
    await page.locator(".timeline").evaluate((timeline) => {
      timeline.scrollTop = 0;
    });
    await expect.poll(() => page.locator(".messages .body", { hasText: /^history 1$/ }).count()).toBe(1);
  });

  it("blocks nothing on the page and logs no errors", async () => {
    expect(await page.evaluate(() => window.__violations)).toEqual([]);
    expect(await page.evaluate(() => document.adoptedStyleSheets.length)).toBe(0);
    expect(consoleErrors).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it("refuses to run script injected into the page, and reports it", async () => {
    await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "window.__injected = true";
      document.body.append(script);
    });
    await expect.poll(() => page.evaluate(() => window.__violations.length)).toBe(1);
    expect(await page.evaluate(() => (window as { __injected?: boolean }).__injected)).toBeUndefined();
  });
});
