import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

// Each case in a Node process of its own: hono looks for its storage once per process, and this
// suite's workers share their modules from file to file.
const probe = (...args: string[]) =>
  JSON.parse(
    execFileSync(process.execPath, ["--import", "tsx", "test/runtimes/fixtures/render-storage-probe.tsx", ...args], {
      encoding: "utf8",
    }),
  ) as { rendered: string; lookupRestored: boolean };

describe("rendering without hono's AsyncLocalStorage (standalone Node)", () => {
  it("leaves synchronous contexts as they were, and Node's module lookup as it found it", () => {
    const { rendered, lookupRestored } = probe("--hide");
    expect(rendered).toContain("<b>provided</b>");
    expect(lookupRestored).toBe(true);
  });

  it("takes the storage away: a context read after an await falls back, where hono's storage carried it", () => {
    expect(probe().rendered).toBe("<b>provided</b><i>provided</i>");
    expect(probe("--hide").rendered).toBe("<b>provided</b><i>default</i>");
  });
});
