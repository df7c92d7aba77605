import { describe, expect, it } from "vitest";
import { needsChromium } from "../support/browser.ts";
import { serverAndBrowser } from "../support/browser-server.ts";
import { signUpOver } from "../support/client.ts";
import { openRoomPage } from "./room-page.ts";

describe.skipIf(needsChromium.skip)("a room's owner changes it, in another person's real browser", () => {
  const the = serverAndBrowser();

  it("shows the new name (header, sidebar, title) and topic, and the member count, on the page already open", async () => {
    const alice = await signUpOver(the.server.url, "alice");
    const bob = await signUpOver(the.server.url, "bob");
    await signUpOver(the.server.url, "carol");
    const slug = await alice.createRoom("Standup");
    const { page, context, errors } = await openRoomPage(the.browser, the.server.url, bob, slug);
    const count = page.locator(".room-meta [id^=members-room]");
    await expect.poll(() => count.textContent()).toBe("2 members");

    const form = { method: "POST", body: new URLSearchParams({ name: "Daily", topic: "At ten" }) };
    expect((await alice.call(`/rooms/${slug}/settings`, form)).status).toBe(303);
    await page.locator(".room-header h1", { hasText: "Daily" }).waitFor();
    expect(await page.locator(".room-header .topic").textContent()).toBe("At ten");
    expect(await page.locator(`.sidebar a[href="/rooms/${slug}"] .sidebar-room-name`).textContent()).toMatch(/^Daily/);

    // A hidden tab counts new messages in its title: under the room's new name.
    await page.evaluate(() => {
      Object.defineProperty(document, "hidden", { configurable: true, get: () => true });
      document.dispatchEvent(new Event("visibilitychange"));
    });
    await alice.post(slug, "renamed it");
    await expect.poll(() => page.title()).toBe("(1) Daily · Parley");

    const added = { method: "POST", body: new URLSearchParams({ username: "carol" }) };
    expect((await alice.call(`/rooms/${slug}/members`, added)).status).toBe(303);
    await expect.poll(() => count.textContent()).toBe("3 members");
    expect(errors).toEqual([]);
    await context.close();
  });
});
