import { existsSync } from "node:fs";
import { type Browser, type BrowserContext, chromium } from "playwright-core";
import { requirement } from "./requirement.ts";

// Debian's chromium, never a downloaded one.
const chromiumPath = "/usr/bin/chromium";
export const needsChromium = requirement(existsSync(chromiumPath), `Chromium (${chromiumPath}, for the browser tests)`);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    // Without the background-networking flags chromium keeps dialling out, and this network refuses.
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      "--no-first-run",
    ],
  });
}

declare global {
  interface Window {
    __wsOpens: number;
    __wsCloses: number;
  }
}

/**
 * Counts the room socket's openings and closes on every page of `context` (`window.__wsOpens`,
 * `window.__wsCloses`), from before each page loads, so none is missed.
 */
export const countSocketEvents = (context: BrowserContext) =>
  context.addInitScript(() => {
    window.__wsOpens = 0;
    window.__wsCloses = 0;
    document.addEventListener("htmx:ws:after:connection", () => window.__wsOpens++);
    document.addEventListener("htmx:ws:close", () => window.__wsCloses++);
  });

/** A browser context signed in as `client` (its session cookie on `url`), counting its sockets' events. */
export async function signedInContext(
  browser: Browser,
  client: { cookie: string },
  url: string,
  viewport: { width: number; height: number },
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport });
  const [name, value] = client.cookie.split("=") as [string, string];
  await context.addCookies([{ name, value, url }]);
  await countSocketEvents(context);
  return context;
}
