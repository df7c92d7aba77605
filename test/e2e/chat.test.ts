import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultPassword } from "../../scripts/parley-http.ts";
import { launchChromium, needsChromium } from "../support/browser.ts";
import { type RunningServer, removeDataDir, startServer } from "../support/server.ts";

const artifacts = join(import.meta.dirname, "..", "artifacts");

declare global {
  interface Window {
    __wsOpen?: boolean;
  }
}

describe.skipIf(needsChromium.skip)("chat in a real browser", () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  let alice: Page;
  let bob: Page;
  let roomPath: string;

  /** A fresh context whose pages flag `window.__wsOpen` once htmx's room socket has connected. */
  const openPage = async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 760 } });
    contexts.push(context);
    // Registered before any navigation, so a fast connection cannot be missed.
    await context.addInitScript(() =>
      document.addEventListener("htmx:ws:after:connection", () => {
        window.__wsOpen = true;
      }),
    );
    const page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    return page;
  };

  /** Signs up through the real form; the server answers with a 303 to the home page. */
  const signUp = async (page: Page, username: string) => {
    await page.goto(`${server.url}/signup`);
    await page.fill('input[name="username"]', username);
    await page.fill('input[name="password"]', defaultPassword);
    await Promise.all([page.waitForURL(`${server.url}/`), page.click('form[action="/signup"] button[type="submit"]')]);
  };

  const bodies = (page: Page) => page.locator(".messages article.message .body");
  const composer = (page: Page) => page.locator("form.composer textarea[name=body]");
  const socketOpen = (page: Page) => page.waitForFunction(() => window.__wsOpen === true);

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    alice = await openPage();
    bob = await openPage();

    // Alice signs up and creates the room through the home page's form.
    await signUp(alice, "alice");
    await alice.fill('form[action="/rooms"] input[name="name"]', "Lobby");
    await Promise.all([alice.waitForURL(/\/rooms\/[^/]+$/), alice.click('form[action="/rooms"] button')]);
    roomPath = new URL(alice.url()).pathname;

    // Bob signs up in his own context, opens the same room's link and joins it from its preview.
    await signUp(bob, "bob");
    await bob.goto(`${server.url}${roomPath}`);
    await bob.click(".join-bar button");

    // Nothing typed before both sockets are open could reach the other page.
    await Promise.all([socketOpen(alice), socketOpen(bob)]);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
    if (server) removeDataDir(server);
  });

  it("delivers a message typed by alice to both pages, once each, and clears her composer", async () => {
    const text = "Hello bob, this is alice";
    await composer(alice).fill(text);
    await composer(alice).press("Enter"); // static/room.js turns Enter into a submit

    for (const page of [alice, bob]) {
      await expect.poll(() => bodies(page).filter({ hasText: text }).count()).toBe(1);
    }
    await expect.poll(() => composer(alice).inputValue()).toBe("");
  });

  it("shows markup from bob as literal text on alice's page", async () => {
    const text = "<b>bold</b> claim";
    await composer(bob).fill(text);
    await composer(bob).press("Enter");

    const received = bodies(alice).filter({ hasText: text });
    await received.waitFor();
    expect(await received.locator("b").count()).toBe(0);
    // Bob's message came after alice's, so a duplicate of hers would have arrived by now.
    expect(await bodies(alice).filter({ hasText: "Hello bob" }).count()).toBe(1);
    expect(await bodies(alice).count()).toBe(2);
  });

  it("refuses a whitespace-only message with an error in the composer", async () => {
    const before = await bodies(alice).count();
    // `required` lets whitespace through, so the server is the one that refuses it.
    await composer(alice).fill("   ");
    await alice.click("form.composer button[type=submit]");

    await expect.poll(() => alice.locator("form.composer [role=alert]").textContent()).toBe("Type a message first.");
    expect(await bodies(alice).count()).toBe(before);
  });

  it("still sends after a refusal, and the old error goes away", async () => {
    const text = "Sent after the error";
    await composer(alice).fill(text);
    await composer(alice).press("Enter");

    for (const page of [alice, bob]) {
      await expect.poll(() => bodies(page).filter({ hasText: text }).count()).toBe(1);
    }
    expect(await alice.locator("form.composer [role=alert]").textContent()).toBe("");
    mkdirSync(artifacts, { recursive: true });
    await alice.screenshot({ path: join(artifacts, "chat.png") });
    expect(pageErrors).toEqual([]);
  });
});
