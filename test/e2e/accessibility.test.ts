import { describe, expect, it } from "vitest";
import { defaultPassword } from "../../scripts/parley-http.ts";
import { auditedSite, axeViolations } from "../support/audited-site.ts";
import { needsChromium } from "../support/browser.ts";
import { signUpOver } from "../support/client.ts";

/** Half of the pages (the rest: accessibility-pages.test.ts, run beside this file) and the keyboard. */
describe.skipIf(needsChromium.skip)("every page, for every user", () => {
  const { site, audit } = auditedSite();
  const pages: [string, "visitor" | "alice"][] = [
    ["/", "visitor"],
    ["/signup", "visitor"],
    ["/login", "visitor"],
    ["/", "alice"],
    ["/rooms/general", "alice"],
    ["/settings", "alice"],
  ];
  for (const [path, who] of pages) audit(path, who);

  it("lets a keyboard alone sign up, create a room and send a message", async () => {
    const { page, errors } = await site.signedIn(null, { width: 1280, scheme: "light" });
    await page.goto(`${site.server.url}/signup`);
    const focused = () =>
      page.evaluate(() => document.activeElement?.getAttribute("name") ?? document.activeElement?.textContent?.trim());
    /** Tabs until `target` has focus, as a person would, counting the presses. */
    const tabTo = async (target: string, limit = 25) => {
      for (let presses = 1; presses <= limit; presses++) {
        await page.keyboard.press("Tab");
        if ((await focused()) === target) return presses;
      }
      throw new Error(`${target} never took focus`);
    };
    expect(await tabTo("Skip to content")).toBe(1);
    await tabTo("username");
    await page.keyboard.type("keyboarder");
    await tabTo("password");
    await page.keyboard.type(defaultPassword);
    await Promise.all([page.waitForURL(`${site.server.url}/`), page.keyboard.press("Enter")]);

    await tabTo("name", 40);
    await page.keyboard.type("Keys only");
    await Promise.all([page.waitForURL(/\/rooms\/keys-only$/), page.keyboard.press("Enter")]);
    // The composer has focus on arrival: type and press Enter.
    expect(await focused()).toBe("body");
    await page.locator(".connection[data-state='connected']").waitFor({ state: "attached" });
    await page.keyboard.type("Sent without a mouse");
    await page.keyboard.press("Enter");
    await page.locator("[role=log] .message .body", { hasText: "Sent without a mouse" }).waitFor();
    expect(errors).toEqual([]);
  });

  it("takes one tab stop for the whole conversation, and one per code block: no message or link inside it is one until the arrows reach it", async () => {
    const { page } = await site.signedIn(site.alice, { width: 1280, scheme: "light" });
    await page.goto(`${site.server.url}/rooms/general`);
    await page.locator(".message.continued").first().waitFor();
    const stops = await page
      .locator(".timeline")
      .evaluate(
        (timeline) =>
          [...timeline.querySelectorAll<HTMLElement>("a[href], button, [tabindex]")].filter(
            (el) => el.tabIndex >= 0 && el.checkVisibility(),
          ).length,
      );
    const messages = await page.locator(".timeline .message").count();
    const links = await page.locator(".timeline .message a").count();
    const codeBlocks = await page.locator(".timeline .message .body pre").count();
    expect(messages).toBe(36);
    expect(links).toBeGreaterThan(0);
    expect(codeBlocks).toBeGreaterThan(0);
    // The timeline is the stop; inside it static/keys.js moves between messages (test/e2e/keyboard.test.ts).
    // A code block is one too: a wide one scrolls only from the keyboard there.
    expect(stops).toBe(codeBlocks);
    expect(await page.locator(".timeline").evaluate((el) => el.tabIndex)).toBe(0);
  });

  it("lets a keyboard reach a wide code block, see where it is, and scroll it", async () => {
    const { page } = await site.signedIn(site.alice, { width: 375, scheme: "dark" });
    await page.goto(`${site.server.url}/rooms/general`);
    const wide = page.locator(".timeline .message pre", { hasText: "const greeting" });
    await wide.waitFor();
    expect(await wide.evaluate((pre) => pre.scrollWidth > pre.clientWidth)).toBe(true);
    // Chromium makes a scroller focusable by itself; the tab stop is for browsers that do not (and axe checks it).
    expect(await wide.getAttribute("tabindex")).toBe("0");
    await wide.focus();
    expect(await wide.evaluate((pre) => pre.matches(":focus-visible"))).toBe(true);
    expect(await wide.evaluate((pre) => getComputedStyle(pre).outlineStyle)).toBe("solid");
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => wide.evaluate((pre) => pre.scrollLeft)).toBeGreaterThan(0);
  });

  it("folds the room list away on phones behind the header's button, and shows it beside the room on desktops", async () => {
    const { page } = await site.signedIn(site.alice, { width: 375, scheme: "light" });
    await page.goto(`${site.server.url}/rooms/general`);
    const sidebar = page.locator(".sidebar");
    expect(await sidebar.isVisible()).toBe(false);
    await page.getByRole("button", { name: "Your rooms" }).click();
    expect(await sidebar.isVisible()).toBe(true);
    expect(await sidebar.locator("a[aria-current=page]").textContent()).toContain("General");
    await page.getByRole("button", { name: "Close the room list" }).click();
    expect(await sidebar.isVisible()).toBe(false);
    await page.getByRole("button", { name: "Your rooms" }).click();
    await Promise.all([
      page.waitForURL(/\/rooms\/elsewhere$/),
      sidebar.getByRole("link", { name: /Elsewhere/ }).click(),
    ]);

    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await page.locator(".sidebar").isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "Your rooms" }).isVisible()).toBe(false);
  });

  it("skips to the content from the first tab stop", async () => {
    const { page } = await site.signedIn(site.alice, { width: 1280, scheme: "light" });
    await page.goto(`${site.server.url}/settings`);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe("Skip to content");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest("main")))).toBe(true);
  });

  it("reaches a message's actions, the emoji picker and the delete dialog from the keyboard, each clean under axe, on a desktop and a phone", async () => {
    // Something to show: a reaction and a reply on the room's newest message, the reader's own.
    const carla = await signUpOver(site.server.url, "carla");
    await carla.call("/rooms/general/join", { method: "POST" });
    const newest = (await carla.messages("general")).at(-1);
    const json = { "content-type": "application/json" };
    await carla.call(`/api/rooms/general/messages/${newest?.id}/reactions/${encodeURIComponent("🎉")}`, {
      method: "PUT",
      headers: json,
    });
    await carla.post("general", "A reply would go here");
    for (const view of [
      { width: 1280, scheme: "light" },
      { width: 375, scheme: "dark" },
    ] as const) {
      const { page, errors } = await site.signedIn(site.alice, view);
      await page.goto(`${site.server.url}/rooms/general`);
      await page.locator(".connection[data-state='connected']").waitFor({ state: "attached" });
      // The timeline's arrows reach a message; its actions show, and Tab goes on into them.
      await page.locator(".timeline").focus();
      await page.keyboard.press("End");
      await page.keyboard.press("ArrowUp");
      const bar = page.locator(".message-actions");
      await bar.waitFor();
      const focusedId = () => page.evaluate(() => document.activeElement?.closest(".message")?.id);
      expect(await focusedId()).toBe(`message-${newest?.id}`);
      for (let presses = 0; presses < 10; presses++) {
        await page.keyboard.press("Tab");
        if (await page.evaluate(() => Boolean(document.activeElement?.closest(".message-actions")))) break;
      }
      expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("React with 👍");
      expect(await axeViolations(page)).toEqual([]);

      // The picker, from the keyboard: arrows move, Escape gives focus back to its button.
      await page.locator(".message-actions [data-action=more]").focus();
      await page.keyboard.press("Enter");
      await page.locator(".emoji-picker").waitFor();
      await page.keyboard.press("ArrowRight");
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("😃");
      expect(await axeViolations(page)).toEqual([]);
      await page.keyboard.press("Escape");
      expect(await page.evaluate(() => document.activeElement?.getAttribute("data-action"))).toBe("more");

      // Delete asks first, in a dialog that starts on Cancel.
      await page.locator(".message-actions [data-action=delete]").focus();
      await page.keyboard.press("Enter");
      await page.locator("dialog.delete-message").waitFor();
      expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe("Cancel");
      expect(await axeViolations(page)).toEqual([]);
      await page.keyboard.press("Escape");
      await page.locator("dialog.delete-message").waitFor({ state: "hidden" });
      expect(errors).toEqual([]);
    }
    // Six audits with axe: longer than one page's on a busy machine.
  }, 90_000);
});
