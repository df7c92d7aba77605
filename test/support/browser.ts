import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";
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
