import { execFile, execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import { root } from "./server.ts";

const run = promisify(execFile);

/**
 * `npm pack`s the checkout (its prepack builds lib/) and installs the tarball, with what the
 * examples declare besides, into a fresh host app holding the examples side by side: one
 * install serves every runtime's example, as the examples would each be installed by a user.
 */
export async function installPacked(examples: string[]) {
  const folder = mkdtempSync(join(tmpdir(), "parley-pack-"));
  let started = performance.now();
  await run("npm", ["pack", "--pack-destination", folder, "--silent"], { cwd: root });
  const tarball = join(folder, readdirSync(folder).find((name) => name.endsWith(".tgz")) as string);
  const packSeconds = (performance.now() - started) / 1000;

  const host = join(folder, "host");
  const dependencies: Record<string, string> = {};
  for (const example of examples) {
    const source = join(root, "examples", example);
    cpSync(source, join(host, example), { recursive: true, filter: (path) => basename(path) !== "package.json" });
    Object.assign(dependencies, JSON.parse(readFileSync(join(source, "package.json"), "utf8")).dependencies);
  }
  dependencies.parley = `file:${tarball}`;
  writeFileSync(
    join(host, "package.json"),
    JSON.stringify({ name: "host", private: true, type: "module", dependencies }),
  );

  started = performance.now();
  await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"], {
    cwd: host,
    env: { ...process.env, npm_config_better_sqlite3_local_prebuilds: betterSqlitePrebuilds(folder) },
  });
  const installSeconds = (performance.now() - started) / 1000;
  console.log(`npm pack: ${packSeconds.toFixed(1)} s, npm install: ${installSeconds.toFixed(1)} s`);
  return { folder, host, tarball };
}

/**
 * better-sqlite3 installs through prebuild-install, which would fetch its binary from GitHub
 * (unreachable here) and then compile SQLite from source for over a minute. prebuild-install
 * also takes a folder of local prebuilds: this one holds the binary that `npm ci` built for the
 * checkout, the same version for the same Node, packed under the name prebuild-install asks for.
 */
function betterSqlitePrebuilds(folder: string): string {
  const installed = join(root, "node_modules", "better-sqlite3");
  const { version } = JSON.parse(readFileSync(join(installed, "package.json"), "utf8"));
  const staged = join(folder, "prebuild", "build", "Release");
  mkdirSync(staged, { recursive: true });
  cpSync(join(installed, "build", "Release", "better_sqlite3.node"), join(staged, "better_sqlite3.node"));
  const prebuilds = join(folder, "prebuilds");
  mkdirSync(prebuilds);
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  execFileSync("tar", ["-czf", join(prebuilds, name), "-C", join(folder, "prebuild"), "build"]);
  return prebuilds;
}
