import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchChromium } from "./browser.ts";
import { type RunningServer, removeDataDir, startServer } from "./server.ts";

/**
 * A running server of its own and Debian's Chromium, for the length of a describe block. The
 * fields are filled in by beforeAll; afterAll closes both, even after a failed start.
 */
export function serverAndBrowser() {
  const the = {} as { server: RunningServer; browser: Browser };
  beforeAll(async () => {
    the.server = await startServer();
    the.browser = await launchChromium();
  });
  afterAll(async () => {
    await the.browser?.close();
    await the.server?.stop();
    if (the.server) removeDataDir(the.server);
  });
  return the;
}
