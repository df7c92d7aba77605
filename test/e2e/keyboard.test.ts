import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { needsChromium } from "../support/browser.ts";
import { serverAndBrowser } from "../support/browser-server.ts";
import { type Client, signUpOver } from "../support/client.ts";
import { box, openRoomPage } from "./room-page.ts";

/** A room used from the keyboard alone: focus always lands somewhere that makes sense. */
describe.skipIf(needsChromium.skip)("the room page from the keyboard", () => {
  const the = serverAndBrowser();
  let alice: Client;
  let bob: Client;
  let slug: string;

  beforeAll(async () => {
    [alice, bob] = await Promise.all([signUpOver(the.server.url, "alice"), signUpOver(the.server.url, "bob")]);
    slug = await alice.createRoom("Keys");
    await bob.call(`/rooms/${slug}`);
    // 60 messages by turns, many with a link: a page of 50 holds dozens of links.
    for (let n = 1; n <= 60; n++) {
      await (n % 2 ? alice : bob).post(slug, n % 3 ? `note ${n} https://example.com/${n}` : `note ${n}`);
    }
  });

  const focused = (page: Page) =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el?.matches("form.composer textarea")
        ? "composer"
        : el?.matches(".older button")
          ? "load older"
          : el?.matches(".timeline")
            ? "timeline"
            : el?.matches(".message")
              ? `message ${el.querySelector(".body")?.textContent?.split(" ").slice(0, 2).join(" ")}`
              : el?.matches(".room-menu summary")
                ? "menu button"
                : `${el?.tagName.toLowerCase()}.${el?.className}`;
    });
  const timelineTop = (page: Page) => page.locator(".timeline").evaluate((el) => el.scrollTop);
  const atBottom = (page: Page) =>
    page.locator(".timeline").evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight < 2);

  it("reaches 'load older' from the composer in one step back, and walks the messages with the arrow keys", async () => {
    const { page, context, errors } = await openRoomPage(the.browser, the.server.url, alice, slug);
    expect(await focused(page)).toBe("composer");
    await page.keyboard.press("Shift+Tab");
    expect(await focused(page)).toBe("load older");
    await page.keyboard.press("Shift+Tab");
    expect(await focused(page)).toBe("timeline");

    // Inside, the arrows go from message to message, newest first; Tab reaches that message's links.
    await page.keyboard.press("ArrowUp");
    expect(await focused(page)).toBe("message note 60");
    await page.keyboard.press("ArrowUp");
    expect(await focused(page)).toBe("message note 59");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.closest(".message")?.textContent)).toContain("note 59");
    await page.keyboard.press("ArrowDown");
    expect(await focused(page)).toBe("message note 60");
    await page.keyboard.press("Home");
    expect(await focused(page)).toBe("message note 11");
    await page.keyboard.press("End");
    expect(await focused(page)).toBe("message note 60");
    // Leaving the messages forward goes to the message's actions (one stop: a toolbar), then on
    // to the composer, past every other message's links.
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("React with 👍");
    await page.keyboard.press("ArrowLeft");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Copy link");
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("composer");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("PageUp and PageDown in the composer scroll the conversation", async () => {
    const { page, context, errors } = await openRoomPage(the.browser, the.server.url, alice, slug);
    await box(page).fill("typing, then looking back");
    const bottom = await timelineTop(page);
    await box(page).press("PageUp");
    await expect.poll(() => timelineTop(page)).toBeLessThan(bottom - 100);
    expect(await focused(page)).toBe("composer");
    await box(page).press("PageDown");
    await expect.poll(() => atBottom(page)).toBe(true);
    expect(await box(page).inputValue()).toBe("typing, then looking back");
    await box(page).fill("");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the 'new messages' pill takes focus on to the composer", async () => {
    const { page, context, errors } = await openRoomPage(the.browser, the.server.url, alice, slug);
    // The page follows the newest on its own as it opens: scroll away once it has, and stay away.
    await expect.poll(() => atBottom(page)).toBe(true);
    const timeline = page.locator(".timeline");
    // Resolved once the scroll event has been handled: the page learns that the reader left the
    // newest from that event (its listener comes before this one), and a message that arrived
    // before it would be followed, not announced. A busy machine can hold the event for a while.
    await timeline.evaluate(
      (el) =>
        new Promise<void>((scrolled) => {
          el.addEventListener("scroll", () => scrolled(), { once: true });
          el.scrollTop = 0;
        }),
    );
    // Near the top older messages load in place (the position is kept): away from the newest is what counts.
    await expect.poll(() => atBottom(page)).toBe(false);
    await bob.post(slug, "while alice reads history");
    const pill = page.locator(".new-messages");
    await pill.waitFor({ state: "visible" });
    await pill.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => atBottom(page)).toBe(true);
    expect(await pill.isVisible()).toBe(false);
    expect(await focused(page)).toBe("composer");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("Escape closes the room's menu and gives focus back to its button", async () => {
    const { page, context, errors } = await openRoomPage(the.browser, the.server.url, alice, slug);
    const menu = page.locator("details.room-menu");
    await page.locator(".room-menu summary").focus();
    await page.keyboard.press("Enter");
    expect(await menu.evaluate((el: HTMLDetailsElement) => el.open)).toBe(true);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Escape");
    expect(await menu.evaluate((el: HTMLDetailsElement) => el.open)).toBe(false);
    expect(await focused(page)).toBe("menu button");

    // Opened by the mouse while writing: Escape in the box closes it and leaves the words where they are.
    await page.locator(".room-menu summary").click();
    await box(page).focus();
    await page.keyboard.press("Escape");
    expect(await menu.evaluate((el: HTMLDetailsElement) => el.open)).toBe(false);
    expect(await focused(page)).toBe("composer");
    expect(errors).toEqual([]);
    await context.close();
  });
});
