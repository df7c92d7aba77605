import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { staticManifest } from "../../views/static-manifest.ts";
import { fragment } from "../support/html.ts";
import { root } from "../support/server.ts";
import { browser, createTestApp } from "../support/test-app.ts";

/** The one list of static files: what the runtimes serve and what every page's head loads. */
describe("the static manifest", () => {
  it("names every file of static/, and each name once", () => {
    const ours = readdirSync(join(root, "static")).map((file) => `static/${file}`);
    const listed = staticManifest.map((file) => file.source);
    expect(listed.filter((source) => source.startsWith("static/")).sort()).toEqual(ours.sort());
    const names = staticManifest.map((file) => file.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("is what Node and Deno serve from disk, each file with its type", async () => {
    const { app } = await createTestApp();
    const visitor = browser(app);
    for (const { name, type } of staticManifest) {
      const response = await visitor.get(`/static/${name}`);
      expect(response.status, name).toBe(200);
      expect(response.headers.get("content-type"), name).toBe(type);
    }
  });

  it('is what Bun embeds: one `type: "file"` import for each source, no more', () => {
    // bun-static.ts runs only on Bun (its imports are Bun's); it refuses to load if the two differ.
    const script = `const { embeddedSources } = await import("./src/runtime/bun-static.ts");
      console.log(JSON.stringify([...embeddedSources]))`;
    const embedded = JSON.parse(
      execFileSync(join(root, "node_modules/.bin/bun"), ["-e", script], { cwd: root, encoding: "utf8" }),
    );
    expect(embedded.sort()).toEqual(staticManifest.map((file) => file.source).sort());
  });

  it("puts in every page's head the icon, the stylesheet and the scripts it says, in its order", async () => {
    const { app } = await createTestApp();
    const head = fragment(await (await browser(app).get("/login")).text());
    const attribute = (selector: string, name: string) =>
      [...head.querySelectorAll(selector)].map((element) => element.getAttribute(name));
    const inHead = (kind: string) =>
      staticManifest.filter((file) => file.head === kind).map((f) => `/static/${f.name}`);
    expect(attribute('link[rel="icon"]', "href")).toEqual(inHead("icon"));
    expect(attribute('link[rel="stylesheet"]', "href")).toEqual(inHead("stylesheet"));
    expect(attribute("script[src]:not([defer])", "src")).toEqual(inHead("script"));
    expect(attribute("script[src][defer]", "src")).toEqual(inHead("deferred"));
  });
});
