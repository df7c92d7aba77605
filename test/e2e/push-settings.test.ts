import { describe, expect, it } from "vitest";
import { needsChromium } from "../support/browser.ts";
import { serverAndBrowser } from "../support/browser-server.ts";
import { signUpOver } from "../support/client.ts";

/**
 * The settings switch in Chromium. Headless Chromium here reaches no push service (and refuses
 * the Push API in its incognito contexts), so subscribing itself cannot succeed: what is checked
 * is what the page does before that — permission asked, the service worker registered at the
 * app's root with the whole app as its scope — and that a refusal is said, not swallowed.
 * The push itself is tested against a local push service in test/push/web-push.test.ts.
 */
describe.skipIf(needsChromium.skip)("notifications on this device, in a real browser", () => {
  const the = serverAndBrowser();

  it("registers the service worker over the whole app and says what became of the subscription", async () => {
    const alice = await signUpOver(the.server.url, "alice");
    const context = await the.browser.newContext();
    await context.grantPermissions(["notifications"], { origin: the.server.url });
    const [name, value] = alice.cookie.split("=") as [string, string];
    await context.addCookies([{ name, value, url: the.server.url }]);
    const page = await context.newPage();
    await page.goto(`${the.server.url}/settings`);
    const toggle = page.locator(".push-toggle");
    await page.waitForFunction(() => !document.querySelector(".push-toggle")?.hasAttribute("disabled"));
    expect(await page.locator(".push-state").textContent()).toBe("Off for this browser.");
    await toggle.click();
    await page.waitForFunction(() => {
      const state = document.querySelector(".push-state")?.textContent ?? "";
      return state.startsWith("On") || state.startsWith("That did not work");
    });
    const registration = await page.evaluate(async () => {
      const found = await navigator.serviceWorker.getRegistration();
      const worker = found?.active ?? found?.waiting ?? found?.installing;
      return found ? { scope: found.scope, script: worker?.scriptURL } : null;
    });
    expect(registration).toEqual({ scope: `${the.server.url}/`, script: `${the.server.url}/push-worker.js` });
    const state = (await page.locator(".push-state").textContent()) ?? "";
    if (state.startsWith("On")) expect(await toggle.getAttribute("aria-pressed")).toBe("true");
    else {
      expect(state).toMatch(/push service would not take a subscription/);
      expect(await toggle.getAttribute("aria-pressed")).toBe("false");
      expect(await toggle.isEnabled()).toBe(true);
    }
    await context.close();
  });
});
