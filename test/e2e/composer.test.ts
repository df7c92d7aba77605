import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { needsChromium } from "../support/browser.ts";
import { serverAndBrowser } from "../support/browser-server.ts";
import { type Client, signUpOver } from "../support/client.ts";
import { box, openRoomPage, shown } from "./room-page.ts";

/** The composer as a person meets it: what they type is kept, and the box fits what they type. */
describe.skipIf(needsChromium.skip)("the composer in a real browser", () => {
  const the = serverAndBrowser();
  // SCREENSHOTS=<folder> keeps pictures of the composer's states to look at; none otherwise.
  const shots = process.env.SCREENSHOTS;
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
    // Her own account: she logs out at the end.
    const dora = await signUpOver(the.server.url, "dora");
    const kitchen = await dora.createRoom("Kitchen");
    const garden = await dora.createRoom("Garden");
    const { page, context, errors } = await openRoomPage(the.browser, the.server.url, dora, kitchen);
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

  /** The box's height, and the window's. */
  const heights = (page: Page) =>
    box(page).evaluate((el) => ({ box: el.getBoundingClientRect().height, window: window.innerHeight }));

  it("grows with its text up to a third of the window, then scrolls", async () => {
    const slug = await alice.createRoom("Long letters");
    for (const [width, height] of [
      [375, 700],
      [1280, 800],
    ] as const) {
      const { page, context, errors } = await openRoomPage(the.browser, the.server.url, alice, slug, {
        viewport: { width, height },
      });
      const empty = await heights(page);
      await box(page).fill("Dear all,\nfirst\nsecond\nthird\nfourth");
      const five = await heights(page);
      expect(five.box).toBeGreaterThan(empty.box + 40);
      await box(page).fill(Array.from({ length: 60 }, (_, n) => `line ${n + 1}`).join("\n"));
      const sixty = await heights(page);
      expect(sixty.box).toBeGreaterThan(five.box);
      expect(sixty.box).toBeLessThanOrEqual(Math.ceil(sixty.window / 3) + 1);
      expect(await box(page).evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
      // The newest message stays in view above the grown box, and sending shrinks it again.
      await box(page).press("Enter");
      await expect.poll(async () => (await heights(page)).box).toBeLessThanOrEqual(empty.box + 1);
      for (const scheme of shots ? (["light", "dark"] as const) : []) {
        await page.emulateMedia({ colorScheme: scheme });
        await box(page).fill("A few lines\nto see\nthe box grow\nas it should");
        await page.screenshot({ path: `${shots}/composer-grown-${width}-${scheme}.png` });
      }
      await box(page).fill("");
      expect(errors).toEqual([]);
      await context.close();
    }
  }, 60_000);

  it("takes a pasted text whole, counts near the limit, and refuses past it, saying why", async () => {
    const slug = await alice.createRoom("Long pastes");
    const { page, context, errors } = await openRoomPage(the.browser, the.server.url, alice, slug);
    const counter = page.locator("form.composer .composer-count");
    await box(page).focus();
    await page.keyboard.insertText("a".repeat(3000));
    expect(await counter.isVisible()).toBe(false);
    await page.keyboard.insertText("b".repeat(700));
    expect(await counter.isVisible()).toBe(true);
    expect(await counter.textContent()).toBe("3,700 / 4,000");

    // A paste that goes past the limit is kept whole: the box shows how much is too much.
    await page.keyboard.insertText("c".repeat(400));
    expect(await box(page).inputValue()).toHaveLength(4100);
    expect(await counter.textContent()).toBe("4,100 / 4,000: 100 too many");
    await box(page).press("Enter");
    if (shots) await page.screenshot({ path: `${shots}/composer-over-1000-light.png` });
    const error = page.locator("form.composer [role=alert]");
    expect(await error.textContent()).toBe(
      "Too long to send: messages are at most 4,000 characters. Shorten it by 100 and send again.",
    );
    expect(await box(page).inputValue()).toHaveLength(4100);
    expect(await page.locator(".pending-list .pending").count()).toBe(0);

    // Shortened, it goes.
    await box(page).evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(4000, 4100));
    await box(page).press("Backspace");
    expect(await counter.textContent()).toBe("4,000 / 4,000");
    expect(await error.textContent()).toBe("");
    for (const scheme of shots ? (["light", "dark"] as const) : []) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: `${shots}/composer-counter-1000-${scheme}.png` });
    }
    await box(page).press("Enter");
    await expect.poll(async () => (await alice.messages(slug)).length).toBe(1);
    expect(await counter.isVisible()).toBe(false);
    // A screen reader reads the box's description, hidden or not: an empty box has no count in it.
    expect(await counter.textContent()).toBe("");
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
