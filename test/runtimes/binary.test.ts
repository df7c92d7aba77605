import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pkg from "../../package.json" with { type: "json" };
import { root } from "../support/server.ts";
import { smokeSuite } from "./smoke.ts";

const binary = join(root, "dist", "parley");
// An empty folder far from the checkout: no node_modules, no sources, no migrations beside it.
const emptyFolder = mkdtempSync(join(tmpdir(), "parley-binary-"));

beforeAll(() => {
  execFileSync("npm", ["run", "build"], { cwd: root, stdio: "ignore" });
  // The binary must not pick these up from its working folder (bun build's autoload defaults).
  // A foreign PUBLIC_ORIGIN would refuse every form post and socket of the smoke suite.
  writeFileSync(join(emptyFolder, ".env"), "PUBLIC_ORIGIN=https://elsewhere.example\n");
  writeFileSync(join(emptyFolder, "bunfig.toml"), 'preload = ["./missing.ts"]\n');
}, 120_000);
afterAll(() => rmSync(emptyFolder, { recursive: true, force: true }));

describe("the binary's command line", () => {
  const run = (...args: string[]) => execFileSync(binary, args, { cwd: emptyFolder, encoding: "utf8" });

  it("prints its version", () => {
    expect(run("--version").trim()).toBe(pkg.version);
  });

  it("lists its settings, flags and environment alike", () => {
    const help = run("--help");
    for (const name of ["--port", "PORT", "--data-dir", "DATA_DIR", "--redis-url", "REDIS_URL", "Secrets"])
      expect(help).toContain(name);
  });
});

smokeSuite("the compiled binary", () => ({ command: binary, args: [], cwd: emptyFolder }), {
  dataDir: join(emptyFolder, "data"),
});
