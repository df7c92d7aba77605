import { existsSync } from "node:fs";
import { type Browser, type BrowserContext, chromium } from "playwright-core";
import { requirement } from "./requirement.ts";

// Debian's chromium, never a downloaded one.
export const chromiumPath = "/usr/bin/chromium";
export const needsChromium = requirement(existsSync(chromiumPath), `Chromium (${chromiumPath}, for the browser tests)`);

// Without the background-networking flags chromium keeps dialling out, and this network refuses.
export const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];

/** Where the test run's one Chromium listens (shared-chromium.ts, vitest's global setup). */
export const sharedChromiumVariable = "PARLEY_TEST_CHROMIUM";

/**
 * The run's shared Chromium when there is one (closing the `Browser` closes only the contexts
 * opened through it), else a Chromium of its own (a script, a test run without the setup).
 */
export function launchChromium(): Promise<Browser> {
  const shared = process.env[sharedChromiumVariable];
  if (shared) return chromium.connect(shared);
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
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
