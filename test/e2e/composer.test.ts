import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { needsChromium } from "../support/browser.ts";
import { serverAndBrowser } from "../support/browser-server.ts";
import { type Client, signUpOver } from "../support/client.ts";
import { box, openRoomPage, shown } from "./room-page.ts";

/** The composer as a person meets it: what they type is kept, and the box fits what they type. */
describe.skipIf(needsChromium.skip)("the composer in a real browser", () => {
  const the = serverAndBrowser();
  let alice: Client;

  beforeAll(async () => {
    alice = await signUpOver(the.server.url, "alice");
  });

  /** Goes to another room the way a person does, by its link in the sidebar, and waits for its socket. */
  const goTo = async (page: Page, name: string) => {
    await Promise.all([page.waitForEvent("load"), page.locator(".sidebar-rooms a", { hasText: name }).click()]);
    await page.waitForFunction(() => window.__room.opens >= 1);
  };

  it("keeps a draft per room across room switches, and forgets it once sent", async () => {
    const kitchen = await alice.createRoom("Kitchen");
    const garden = await alice.createRoom("Garden");
    const { page, context, errors } = await openRoomPage(the.browser, the.server.url, alice, kitchen);
    await box(page).fill("half a thought about soup");

    await goTo(page, "Garden");
    expect(page.url()).toContain(`/rooms/${garden}`);
    expect(await box(page).inputValue()).toBe("");
    await box(page).fill("the roses need water");

    await goTo(page, "Kitchen");
    expect(await box(page).inputValue()).toBe("half a thought about soup");
    await box(page).press("End");
    await box(page).pressSequentially(", with leeks");
    await box(page).press("Enter");
    await expect.poll(() => shown(page, "half a thought about soup, with leeks")).toBe(1);

    await goTo(page, "Garden");
    expect(await box(page).inputValue()).toBe("the roses need water");
    await goTo(page, "Kitchen");
    expect(await box(page).inputValue()).toBe("");

    // Drafts stay in this browser for this person: logging out forgets them.
    await goTo(page, "Garden");
    await page.locator("form[action='/logout'] button").click();
    await page.waitForURL((url) => !url.pathname.startsWith("/rooms/"));
    expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("parley:")))).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
