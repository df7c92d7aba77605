import { describe, expect, it } from "vitest";
import { needsChromium } from "../support/browser.ts";
import { serverAndBrowser } from "../support/browser-server.ts";
import { signUpOver } from "../support/client.ts";
import { openRoomPage } from "./room-page.ts";

describe.skipIf(needsChromium.skip)("removed from a room, in a real browser", () => {
  const the = serverAndBrowser();

  it("tells the removed person on their open page, live, and stops trying to reconnect", async () => {
    const alice = await signUpOver(the.server.url, "alice");
    const bob = await signUpOver(the.server.url, "bob");
    const slug = await alice.createRoom("Team");
    const { page, context, errors } = await openRoomPage(the.browser, the.server.url, bob, slug);

    const removed = await alice.call(`/rooms/${slug}/members/bob/remove`, { method: "POST" });
    expect(removed.status).toBe(303);
    const status = page.locator(".connection .connection-text");
    await status.filter({ hasText: "You were removed from Team." }).waitFor();
    expect(await page.locator(".connection").getAttribute("data-state")).toBe("final");
    expect(await page.locator(".connection-link").isVisible()).toBe(true);
    expect(await page.evaluate(() => window.__room.closeCodes)).toEqual([4403]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
