import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
// Only these know which runtime they run on (docs/architecture.md: runtime entries and SQLite drivers).
const runtimeFolders = ["src/runtime", "src/store/drivers"];
// node: modules that Bun, Node and Deno all provide (node:zlib's brotli and gzip: runtimes/smoke.ts).
const everywhere = new Set(["node:crypto", "node:url", "node:path", "node:fs", "node:fs/promises", "node:zlib"]);

const forbidden: [string, RegExp][] = [
  ["a bun: module", /from\s+["']bun(:[\w/-]+)?["']/],
  ["the Bun global", /\bBun\.[A-Za-z]/],
  ["the Deno global", /\bDeno\.[A-Za-z]/],
  ["a runtime adapter", /from\s+["'](hono\/(bun|deno)|@hono\/node-[\w-]+|better-sqlite3|ws)["']/],
];

const sources = (folder: string): string[] =>
  readdirSync(join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return runtimeFolders.includes(path) ? [] : sources(path);
    return /\.(ts|tsx)$/.test(entry.name) ? [path] : [];
  });

describe("the runtime-neutral core", () => {
  it("imports no runtime: only src/runtime/ and src/store/drivers/ may", () => {
    const offences: string[] = [];
    for (const file of [...sources("src"), ...sources("views")]) {
      const text = readFileSync(join(root, file), "utf8");
      for (const [what, pattern] of forbidden) if (pattern.test(text)) offences.push(`${file}: ${what}`);
      for (const [, module] of text.matchAll(/from\s+["'](node:[\w/]+)["']/g))
        if (module && !everywhere.has(module)) offences.push(`${file}: ${module} (not on every runtime)`);
    }
    expect(offences).toEqual([]);
  });

  it("looks where it should", () => {
    const scanned = [...sources("src"), ...sources("views")];
    expect(scanned).toContain("src/app.tsx");
    expect(scanned).toContain("views/layout.tsx");
    expect(scanned.some((file) => file.startsWith("src/runtime/"))).toBe(false);
  });
});
