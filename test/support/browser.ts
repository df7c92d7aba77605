import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

// Debian's chromium, never a downloaded one. Without it browser tests skip loudly, except on CI where they fail.
const chromiumPath = "/usr/bin/chromium";
export const hasChromium = existsSync(chromiumPath);
export const skipBrowserTests = !hasChromium && process.env.CI !== "true";
if (!hasChromium) {
  console.warn(`browser tests: ${chromiumPath} is missing, ${skipBrowserTests ? "SKIPPING" : "failing (CI)"}`);
}

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
