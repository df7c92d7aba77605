import { describe, expect, it } from "vitest";
import { pathsUnder } from "../../views/paths.ts";
import { Avatar, hueOf, initialsOf } from "../../views/users/avatar.tsx";
import { fragment } from "../support/html.ts";

const person = (username: string, displayName: string | null = null) => ({ username, displayName, avatar: null });
const rendered = (html: unknown) => fragment(String(html)).firstElementChild;

describe("the Avatar partial", () => {
  it("shows the picture at its size's pixels, decorative (the name stands beside it)", () => {
    const image = { name: `${"a".repeat(64)}.webp`, width: 640, height: 480 };
    const paths = pathsUnder("/chat");
    const img = rendered(Avatar({ person: { ...person("alice"), avatar: image }, size: "medium", paths }));
    expect(img?.outerHTML).toBe(
      `<img class="avatar avatar-medium" src="/chat/files/${image.name}" alt="" width="48" height="48">`,
    );
    // Without paths, and with no render in progress to give them, it cannot say where the file is.
    expect(() => Avatar({ person: { ...person("alice"), avatar: image } })).toThrow(/without paths/);
  });

  it("otherwise shows 1–2 initials on the username's own colour, small by default", () => {
    const span = rendered(Avatar({ person: person("ada_lovelace") }));
    expect(span?.getAttribute("class")).toBe(`avatar avatar-small hue-${hueOf("ada_lovelace")}`);
    expect(span?.textContent).toBe("AL");
    expect(initialsOf(person("alice"))).toBe("A");
    expect(initialsOf(person("alice", "Grace Brewster Hopper"))).toBe("GB");
    expect(initialsOf(person("zoe", "  élodie  "))).toBe("É");
    expect(initialsOf(person("kim", "🦊 fox"))).toBe("🦊F");
    expect(initialsOf(person("x", "---"))).toBe("X");
  });

  it("keeps a colour per username, whatever the display name, spread over twelve hues", () => {
    expect(hueOf("alice")).toBe(hueOf("alice"));
    const hues = new Set(Array.from({ length: 200 }, (_, i) => hueOf(`user${i}`)));
    expect([...hues].every((hue) => hue >= 0 && hue < 12)).toBe(true);
    expect(hues.size).toBe(12);
  });

  it("escapes initials", () => {
    const html = String(Avatar({ person: person("mallory", "<b onclick=x>") }));
    expect(html).toContain("&lt;");
    expect(html).not.toContain("<b");
  });
});
