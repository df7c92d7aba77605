import { describe, expect, it } from "vitest";
import { needsChromium } from "../support/browser.ts";
import { serverAndBrowser } from "../support/browser-server.ts";
import { signUpOver } from "../support/client.ts";
import { openRoomPage } from "./room-page.ts";

describe.skipIf(needsChromium.skip)("a room's header in a real browser", () => {
  const the = serverAndBrowser();

  it("shows the topic formatted, its link clickable; the menu's only red action is leaving", async () => {
    const alice = await signUpOver(the.server.url, "alice");
    const slug = await alice.createRoom("Launch");
    const topic = "*new* launch plan: https://example.com/plan and `v2`";
    const saved = await alice.call(`/rooms/${slug}/settings`, { method: "POST", body: new URLSearchParams({ topic }) });
    expect(saved.status).toBe(303);
    const { page, context, errors } = await openRoomPage(the.browser, the.server.url, alice, slug);

    const shown = page.locator(".room-header .topic");
    expect(await shown.innerText()).toBe("new launch plan: https://example.com/plan and v2");
    expect(await shown.locator("em").evaluate((em) => getComputedStyle(em).fontStyle)).toBe("italic");
    const link = shown.locator("a");
    expect(await link.getAttribute("href")).toBe("https://example.com/plan");
    expect(await link.getAttribute("rel")).toBe("noopener nofollow ugc");

    await page.locator(".room-menu summary").click();
    // The page shows it while the browser has not been asked yet; shown here whatever it decided.
    const allow = page.locator("[data-action=allow-notifications]");
    await allow.evaluate((button) => {
      (button as HTMLElement).hidden = false;
    });
    const colour = (selector: string) =>
      page
        .locator(`.room-menu ${selector}`)
        .first()
        .evaluate((element) => getComputedStyle(element).color);
    const leave = await colour(`form[action$="/leave"] button`);
    expect(await colour("[data-action=allow-notifications]")).toBe(await colour(".notify-choices button"));
    expect(await colour("[data-action=allow-notifications]")).not.toBe(leave);

    expect(errors).toEqual([]);
    await context.close();
  });
});
