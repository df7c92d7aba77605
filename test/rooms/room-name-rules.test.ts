import { describe, expect, it } from "vitest";
import { slugCandidates, slugify } from "../../src/rooms/room-name-rules.ts";

describe("room slugs", () => {
  it("are lower-case words joined by dashes, accents folded", () => {
    expect(slugify("Café Talk!")).toBe("cafe-talk");
    expect(slugify("  Release   planning 2026 ")).toBe("release-planning-2026");
    expect(slugify("Ünïcödé & friends")).toBe("unicode-friends");
  });

  it("fall back to 'room' when nothing URL-safe is left", () => {
    expect(slugify("!!!")).toBe("room");
    expect(slugify("日本語")).toBe("room");
  });

  it("stay short", () => {
    expect(slugify("a".repeat(200)).length).toBeLessThanOrEqual(48);
  });

  it("number later rooms of the same name", () => {
    const candidates = slugCandidates("General");
    expect([candidates.next().value, candidates.next().value, candidates.next().value]).toEqual([
      "general",
      "general-2",
      "general-3",
    ]);
  });
});
