import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultPassword } from "../../scripts/parley-http.ts";
import { launchChromium, needsChromium } from "../support/browser.ts";
import { type RunningServer, removeDataDir, root, startServer } from "../support/server.ts";

declare global {
  interface Window {
    __wsOpen?: boolean;
  }
}

const base = "/chat";

describe.skipIf(needsChromium.skip)("Parley mounted under /chat of another site, in a real browser", () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  // Every request a Parley page makes, to be sure none leaves the mount.
  const requested: string[] = [];
  let alice: Page;
  let bob: Page;

  const openPage = async () => {
    const context = await browser.newContext();
    contexts.push(context);
    await context.addInitScript(() =>
      document.addEventListener("htmx:ws:after:connection", () => {
        window.__wsOpen = true;
      }),
    );
    const page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("request", (request) => requested.push(request.url()));
    page.on("websocket", (socket) => requested.push(socket.url()));
    return page;
  };

  const signUp = async (page: Page, username: string) => {
    await page.goto(`${server.url}${base}/signup`);
    await page.fill('input[name="username"]', username);
    await page.fill('input[name="password"]', defaultPassword);
    await Promise.all([page.waitForURL(`${server.url}${base}`), page.click("form.account-form button[type=submit]")]);
  };

  const bodies = (page: Page) => page.locator(".messages article.message .body");
  const composer = (page: Page) => page.locator("form.composer textarea[name=body]");

  beforeAll(async () => {
    server = await startServer({
      launch: { command: join(root, "node_modules", ".bin", "bun"), args: ["test/support/mounted-host.ts"] },
    });
    browser = await launchChromium();
    alice = await openPage();
    bob = await openPage();
    await signUp(alice, "alice");
    await alice.fill("#create-room input[name=name], form.stacked-form input[name=name]", "Lobby");
    await Promise.all([
      alice.waitForURL(`${server.url}${base}/rooms/lobby`),
      alice.click("form.stacked-form button[type=submit]"),
    ]);
    await signUp(bob, "bob");
    await bob.goto(`${server.url}${base}/rooms/lobby`);
    await Promise.all([bob.waitForURL(`${server.url}${base}/rooms/lobby`), bob.click(".join-bar button")]);
    await Promise.all([alice, bob].map((page) => page.waitForFunction(() => window.__wsOpen === true)));
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
    if (server) removeDataDir(server);
  });

  it("lets two people chat live, and no request of the page leaves the mount", async () => {
    await composer(alice).fill("Hello @bob, under /chat");
    await composer(alice).press("Enter");
    await expect.poll(() => bodies(bob).filter({ hasText: "under /chat" }).count()).toBe(1);
    await composer(bob).fill("Hi alice");
    await composer(bob).press("Enter");
    await expect.poll(() => bodies(alice).filter({ hasText: "Hi alice" }).count()).toBe(1);

    // The mention links to bob's profile under the mount, and bob's page knows it is him.
    expect(await bob.locator(`a.mention[href="${base}/u/bob"]`).count()).toBe(1);
    await expect.poll(() => bob.locator("article.message.mentions-me").count()).toBe(1);

    // An edit loads the message's text from the API under the mount, and reaches bob's page.
    await composer(alice).press("ArrowUp");
    await expect.poll(() => composer(alice).inputValue()).toBe("Hello @bob, under /chat");
    await composer(alice).fill("Hello @bob, still under /chat");
    await composer(alice).press("Enter");
    await expect.poll(() => bodies(bob).filter({ hasText: "still under /chat" }).count()).toBe(1);
    expect(await alice.locator(".message-actions").getAttribute("data-room-url")).toBe(`${base}/rooms/lobby`);

    const outside = requested
      .map((url) => new URL(url))
      .filter((url) => url.pathname !== base && !url.pathname.startsWith(`${base}/`))
      .map((url) => url.href);
    expect(requested.length).toBeGreaterThan(10);
    expect(requested.some((url) => new URL(url).protocol === "ws:")).toBe(true);
    expect(outside).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
