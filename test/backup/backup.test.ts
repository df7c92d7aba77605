import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caller } from "../../scripts/parley-http.ts";
import { type Client, everyMessage, signUpOver } from "../support/client.ts";
import { images, sha256 } from "../support/files.ts";
import { launches, type RunningServer, removeDataDir, root, startServer } from "../support/server.ts";

/** `npm run backup -- …` as an operator runs it: Bun on scripts/backup.ts, its output and exit code. */
function backup(args: string[], env: Record<string, string> = {}) {
  const child = spawn(launches.bun.command, ["scripts/backup.ts", ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  for (const stream of [child.stdout, child.stderr]) stream.on("data", (chunk: Buffer) => (output += chunk));
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, output }));
  });
}

const avatar = () => {
  const form = new FormData();
  form.set("display_name", "Alice");
  form.set("bio", "");
  form.set("avatar", new File([images.png.bytes as Uint8Array<ArrayBuffer>], "me.png", { type: "image/png" }));
  return { method: "POST", body: form };
};

describe("npm run backup: an online backup of a running deployment", () => {
  const folders: string[] = [];
  const freshFolder = () => {
    const folder = mkdtempSync(join(tmpdir(), "parley-backup-"));
    folders.push(folder);
    return join(folder, "copy");
  };
  let server: RunningServer;
  let alice: Client;
  let slug: string;
  beforeAll(async () => {
    server = await startServer();
    alice = await signUpOver(server.url, "alice");
    slug = await alice.createRoom("Journal");
    expect((await alice.call("/settings/profile", avatar())).status).toBe(303);
  });
  afterAll(async () => {
    await server?.stop();
    if (server) removeDataDir(server);
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  it("holds every message acknowledged before it began, and the uploads, while writes go on", async () => {
    // Writers post over the API without pause; a message counts once the server has answered.
    const acknowledged: string[] = [];
    let writing = true;
    let reached: () => void = () => {};
    const fifty = new Promise<void>((resolve) => (reached = resolve));
    const writer = async (name: string) => {
      for (let i = 0; writing; i++) {
        const body = `${name} ${i}`;
        await alice.post(slug, body);
        acknowledged.push(body);
        if (acknowledged.length >= 50) reached();
      }
    };
    const writers = [writer("first"), writer("second"), writer("third")];
    await fifty;

    const target = freshFolder();
    const before = [...acknowledged];
    const taken = await backup(["--to", target], { DATA_DIR: server.dataDir });
    const during = acknowledged.length - before.length;
    writing = false;
    await Promise.all(writers);
    console.log(`backup: ${before.length} messages acknowledged before it, ${during} while it ran`);
    expect(taken.output).toContain(`into ${target}`);
    expect(taken.code).toBe(0);
    // A DATA_DIR: the database without a log beside it, and the uploads by hash.
    expect(readdirSync(target).sort()).toEqual(["files", "parley.db"]);

    const restored = await startServer({ dataDir: target });
    try {
      const stored = await everyMessage(restored.url, alice.cookie, slug);
      const missing = before.filter((body) => !stored.includes(body));
      expect(missing).toEqual([]);
      expect(new Set(stored).size).toBe(stored.length);
      const served = await caller(restored.url)(`/files/${sha256(images.png.bytes)}.png`);
      expect(served.status).toBe(200);
      expect(new Uint8Array(await served.arrayBuffer())).toEqual(images.png.bytes);
      // The restored deployment takes writes of its own.
      await signUpOver(restored.url, "bob");
    } finally {
      await restored.stop();
    }
  });

  it("refuses, saying why, without --to, into a folder that is not empty, or inside DATA_DIR", async () => {
    const env = { DATA_DIR: server.dataDir };
    const none = await backup([], env);
    expect(none.code).toBe(1);
    expect(none.output).toContain("backup needs the folder to write to: --to <folder>");

    const used = freshFolder();
    mkdirSync(used);
    writeFileSync(join(used, "keep.txt"), "mine");
    const full = await backup(["--to", used], env);
    expect(full.code).toBe(1);
    expect(full.output).toContain("is not empty");
    expect(readdirSync(used)).toEqual(["keep.txt"]);

    const inside = await backup(["--to", join(server.dataDir, "backup")], env);
    expect(inside.code).toBe(1);
    expect(inside.output).toContain("is inside DATA_DIR");
    expect(existsSync(join(server.dataDir, "backup"))).toBe(false);
  });

  it("refuses a PostgreSQL deployment and points to pg_dump", async () => {
    const target = freshFolder();
    const refused = await backup(["--to", target], {
      DATA_DIR: server.dataDir,
      DATABASE_URL: "postgres://postgres@127.0.0.1:5432/parley",
    });
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/DATABASE_URL is set: back PostgreSQL up with pg_dump/);
    expect(existsSync(target)).toBe(false);
  });

  it("refuses a folder with no database, naming the path it looked at", async () => {
    const empty = freshFolder();
    mkdirSync(empty);
    const refused = await backup(["--to", freshFolder(), "--data-dir", empty]);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain(`no database at ${join(empty, "parley.db")}`);
  });
});
