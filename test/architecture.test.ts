import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** Rules of the code's shape, written as tests so they hold (see docs/architecture.md). */
const root = join(import.meta.dirname, "..");

const sources = (folder: string): string[] =>
  readdirSync(join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [path] : [];
  });

const importsOf = (file: string) =>
  [...readFileSync(join(root, file), "utf8").matchAll(/^import[^"']*["']([^"']+)["']/gm)].map((m) => m[1] as string);

const resolve = (file: string, specifier: string) =>
  specifier.startsWith(".") ? join(file, "..", specifier).replaceAll("\\", "/") : specifier;

describe("the shape of the code", () => {
  it("keeps views pure: from src/ they import only records (types) and dependency-free rules", () => {
    const offences = sources("views").flatMap((file) =>
      importsOf(file)
        .map((specifier) => resolve(file, specifier))
        .filter((target) => target.startsWith("src/"))
        .filter((target) => target !== "src/store/records.ts" && !target.endsWith("-rules.ts"))
        .map((target) => `${file} imports ${target}`),
    );
    expect(offences).toEqual([]);
  });

  it("keeps rules dependency-free, so views and validation can share them", () => {
    const rules = sources("src").filter((file) => file.endsWith("-rules.ts"));
    expect(rules.length).toBeGreaterThanOrEqual(3);
    for (const file of rules) expect(importsOf(file), file).toEqual([]);
  });

  it("keeps delivery below the chat: it knows topics, cursors and fragments, never rooms", () => {
    const offences = sources("src/delivery").flatMap((file) =>
      importsOf(file)
        .map((specifier) => resolve(file, specifier))
        .filter((target) => target.startsWith("src/rooms/"))
        .map((target) => `${file} imports ${target}`),
    );
    expect(offences).toEqual([]);
  });

  it("reaches sockets and the bus only through src/delivery (the runtimes supply the last hop)", () => {
    const allowed = (file: string) => /^src\/(delivery|bus|runtime)\//.test(file) || file === "src/app-env.ts";
    const offences = sources("src")
      .filter((file) => !allowed(file))
      .flatMap((file) => {
        const text = readFileSync(join(root, file), "utf8");
        const found: string[] = [];
        if (/\bbus\.(publish|subscribe)\(/.test(text)) found.push(`${file} uses the bus directly`);
        if (/\bfanout\.(publish|subscribe|unsubscribe)\(/.test(text)) found.push(`${file} uses the fan-out directly`);
        if (importsOf(file).some((s) => s.endsWith("local-fanout.ts"))) found.push(`${file} imports the fan-out port`);
        return found;
      });
    expect(offences).toEqual([]);
  });
});
