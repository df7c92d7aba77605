import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pkg from "../package.json" with { type: "json" };

/**
 * The package as JavaScript with declarations, for every runtime: Node runs no TypeScript, Deno
 * refuses it inside node_modules, and Bun ignores a dependency's tsconfig.json (its JSX would
 * look for React). `lib/` mirrors the checkout, so every path the code finds relative to itself
 * (`../../package.json`, `../../static/`) holds there too.
 */
const root = join(import.meta.dirname, "..");
const lib = join(root, "lib");

rmSync(lib, { recursive: true, force: true });
const tsc = Bun.spawnSync([join(root, "node_modules/.bin/tsc"), "-p", "tsconfig.package.json"], {
  cwd: root,
  stdout: "inherit",
  stderr: "inherit",
});
if (tsc.exitCode !== 0) process.exit(tsc.exitCode ?? 1);
// tsc copies the imported package.json whole; the code reads only its version, and a second
// `exports` map pointing nowhere would only confuse.
writeFileSync(
  join(lib, "package.json"),
  `${JSON.stringify({ name: `${pkg.name}-lib`, version: pkg.version, private: true, type: "module" }, null, 2)}\n`,
);
cpSync(join(root, "static"), join(lib, "static"), { recursive: true });
// A worker is started by URL, which tsc leaves as written: point it at the compiled file.
const checkpoints = join(lib, "src/store/drivers/bun-checkpoints.js");
const workerUrl = '"./bun-checkpoint-worker.ts"';
const compiled = readFileSync(checkpoints, "utf8");
if (!compiled.includes(workerUrl)) throw new Error(`${checkpoints} no longer starts its worker at ${workerUrl}`);
writeFileSync(checkpoints, compiled.replace(workerUrl, '"./bun-checkpoint-worker.js"'));
console.log(`lib/: Parley ${pkg.version} as JavaScript with declarations`);
