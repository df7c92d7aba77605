import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pkg from "../../package.json" with { type: "json" };
import { everyMessage, signUpOver } from "../support/client.ts";
import { createTestDatabase, postgresAnswers, postgresServerUrl } from "../support/postgres.ts";
import { requirement } from "../support/requirement.ts";
import { root, startServer } from "../support/server.ts";
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

describe("parley backup", () => {
  it("copies a running binary's DATA_DIR into a folder another binary serves", async () => {
    const launch = { command: binary, args: [], cwd: emptyFolder };
    const server = await startServer({ launch, dataDir: join(emptyFolder, "data-backed-up") });
    const copy = join(emptyFolder, "backup");
    try {
      const alice = await signUpOver(server.url, "alice");
      const slug = await alice.createRoom("Minutes");
      await alice.post(slug, "kept in the backup");
      const output = execFileSync(binary, ["backup", "--to", copy, "--data-dir", server.dataDir], {
        cwd: emptyFolder,
        encoding: "utf8",
      });
      expect(output).toContain(`into ${copy}`);
      const restored = await startServer({ launch, dataDir: copy });
      try {
        expect(await everyMessage(restored.url, alice.cookie, slug)).toEqual(["kept in the backup"]);
      } finally {
        await restored.stop();
      }
    } finally {
      await server.stop();
    }
  });
});

smokeSuite("the compiled binary", () => ({ command: binary, args: [], cwd: emptyFolder }), {
  dataDir: join(emptyFolder, "data"),
});

// The same story with DATABASE_URL: the binary carries postgres.js and the PostgreSQL migrations too.
const { skip: noPostgres } = requirement(await postgresAnswers(), `PostgreSQL at ${postgresServerUrl}`);
const database = noPostgres ? undefined : await createTestDatabase();
afterAll(() => database?.drop());
smokeSuite("the compiled binary on PostgreSQL", () => ({ command: binary, args: [], cwd: emptyFolder }), {
  skip: noPostgres,
  dataDir: join(emptyFolder, "data-postgres"),
  env: () => ({ DATABASE_URL: database?.url ?? "" }),
});
