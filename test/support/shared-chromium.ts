import { existsSync } from "node:fs";
import { chromium } from "playwright-core";
import { chromiumArgs, chromiumPath, sharedChromiumVariable } from "./browser.ts";

/**
 * Vitest's global setup: one Chromium for the whole run, which every browser test connects to
 * (`launchChromium`) for contexts of its own, instead of starting a browser per file (half a
 * second of two busy cores each, thirty times). Contexts keep the tests apart as browsers did:
 * cookies, storage and caches are per context.
 */
export default async function sharedChromium() {
  if (!existsSync(chromiumPath)) return;
  const server = await chromium.launchServer({ executablePath: chromiumPath, args: chromiumArgs });
  // Workers start after this and inherit the environment.
  process.env[sharedChromiumVariable] = server.wsEndpoint();
  return async () => {
    delete process.env[sharedChromiumVariable];
    await server.close();
  };
}
