import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { typingRules } from "../../src/rooms/typing-rules.ts";

const css = readFileSync(join(import.meta.dirname, "..", "..", "static", "app.css"), "utf8");

/** "alice is typing…" says what is happening now: it goes soon after the typing stops, and not while it goes on. */
describe("typing rules", () => {
  it("the line goes three seconds after the last signal", () => {
    expect(typingRules.showsForMs).toBe(3000);
  });

  it("the stylesheet fades the line out by then, with no script", () => {
    const rule = /\.typist\s*\{[^}]*animation:\s*typist-expires\s+([\d.]+)s\s+[\w-]+\s+([\d.]+)s/.exec(css);
    expect(rule).not.toBeNull();
    const [fade, delay] = [Number(rule?.[1]), Number(rule?.[2])];
    expect(Math.round((fade + delay) * 1000)).toBe(typingRules.showsForMs);
  });

  it("someone who keeps typing keeps the line, even when one signal is lost to the server's throttle", () => {
    // The page signals every pageEveryMs; the server passes on at most one per serverEveryMs.
    expect(typingRules.serverEveryMs).toBeLessThan(typingRules.pageEveryMs);
    expect(2 * typingRules.pageEveryMs).toBeLessThan(typingRules.showsForMs);
  });
});
