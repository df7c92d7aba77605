import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Parley may be mounted under a base path (`host.route("/chat", app)`), so every address it
 * writes goes through views/paths.ts. These rules keep a bare "/rooms/…" from creeping back.
 */
const root = join(import.meta.dirname, "..");

const sources = (folder: string): string[] =>
  readdirSync(join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return path === "src/runtime" || path === "src/store" ? [] : sources(path);
    return /\.(ts|tsx|js)$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [path] : [];
  });

// The first segments of Parley's routes (the README's route table), and home itself.
const segments =
  "rooms|u|static|files|embed|embed\\.js|api|settings|login|signup|logout|me|healthz|readyz|metrics|invites|dm";
const parleyPath = new RegExp(`(["'\`])/(?:${segments}|[?#])\\b|(?:(?<![=!])=\\{?|redirect\\()\\s*(["'\`])/\\2`, "g");

// Where a Parley path may be spelled: as a route's own pattern (Hono mounts it under the base),
// or as the argument of `to(…)`, which adds the base.
const allowedBefore = /(?:\.(?:get|post|put|patch|delete|all|use|route|on)|\bto)\(\s*$/;

// Paths before the base, by design: the markdown renderer marks mentions with "/u/…" and writes
// them through `to` as it renders them.
const exempt = new Set(["views/messages/rich-text.ts"]);

/** Comments say what routes do ("GET /rooms/:slug"): only code counts. */
const withoutComments = (text: string) =>
  text.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, " ")).replace(/(^|[^:])\/\/.*$/gm, "$1");

function bareParleyPaths(file: string): string[] {
  const text = withoutComments(readFileSync(join(root, file), "utf8"));
  const found: string[] = [];
  for (const match of text.matchAll(parleyPath)) {
    if (allowedBefore.test(text.slice(Math.max(0, match.index - 40), match.index))) continue;
    const line = text.slice(0, match.index).split("\n").length;
    found.push(`${file}:${line}: ${text.slice(match.index, match.index + 30).split("\n")[0]}`);
  }
  return found;
}

describe("addresses under the base path", () => {
  it("are written through the one URL builder: no Parley path is spelled bare in src/, views/ or static/", () => {
    const files = [...sources("src"), ...sources("views"), ...sources("static")].filter((file) => !exempt.has(file));
    expect(files).toContain("views/layout.tsx");
    expect(files).toContain("static/connection.js");
    expect(files.flatMap(bareParleyPaths)).toEqual([]);
  });

  it("would catch one", () => {
    const caught = (code: string) => [...withoutComments(code).matchAll(parleyPath)].length > 0;
    expect(caught('<a href="/rooms/general">')).toBe(true);
    expect(caught("c.redirect(`/rooms/` + slug)")).toBe(true);
    expect(caught('path === "/"')).toBe(false);
    expect(caught('<a href="/">')).toBe(true);
    expect(caught("// GET /rooms/:slug")).toBe(false);
  });

  it("renders pages through c.render, which gives views their paths (c.html is for rendered strings)", () => {
    // The renderer itself is where pages meet their paths.
    const offences = sources("src")
      .filter((file) => file !== "src/http/page-renderer.tsx")
      .filter((file) =>
        /\bc\.html\(\s*(?:<|await (?!historyFragment|errorLine))/.test(readFileSync(join(root, file), "utf8")),
      );
    expect(offences).toEqual([]);
  });
});
