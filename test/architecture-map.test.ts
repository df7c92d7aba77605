import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** docs/architecture.md's map of folders, held to the checkout so it cannot drift. */
const root = join(import.meta.dirname, "..");
const doc = readFileSync(join(root, "docs/architecture.md"), "utf8");
const map = doc.split("## Where things live")[1]?.split("```")[1] ?? "";
const entries = (folder: string) => readdirSync(join(root, folder), { withFileTypes: true });
// Made by tools, never written by hand (lib/ is the package's build, named by the map all the same).
const generated = new Set(["node_modules", "data", "dist", "lib"]);

describe("the map of the code (docs/architecture.md)", () => {
  it("names every folder of the repository, and lib/, the compiled package", () => {
    const folders = entries(".")
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith(".") && !generated.has(entry.name))
      .map((entry) => entry.name);
    expect(folders).toContain("src");
    const missing = [...folders, "lib"].filter((name) => !new RegExp(`^${name}/`, "m").test(map));
    expect(missing).toEqual([]);
  });

  it("names every folder and file at the top of src/", () => {
    const names = entries("src").map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name));
    const missing = names.filter((name) => !new RegExp(`^  ${name.replaceAll(".", "\\.")}\\s`, "m").test(map));
    expect(missing).toEqual([]);
  });

  it("follows one message, one presence change, and leaves room for one edit", () => {
    for (const heading of [
      "## The path of one message",
      "## The path of one presence change",
      "## The path of one edit",
    ])
      expect(doc).toContain(heading);
  });
});
