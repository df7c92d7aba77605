import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { launches, root } from "../support/server.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const runs = {
  node: ["node", ["--import", "tsx"]],
  deno: [launches.deno.command, ["run", "--allow-all"]],
} as const;

describe.each(Object.keys(runs) as (keyof typeof runs)[])("%s's store under continuous writes", (runtime) => {
  it("checkpoints the log on a worker thread, and the log still starts afresh every quarter second or so", () => {
    const dir = mkdtempSync(join(tmpdir(), `parley-wal-${runtime}-`));
    dirs.push(dir);
    const [command, flags] = runs[runtime];
    const output = execFileSync(command, [...flags, "test/store/wal-under-writes.ts", dir, runtime], {
      cwd: root,
      encoding: "utf8",
    });
    const { messages, written, largestLog } = JSON.parse(output.trim().split("\n").pop() as string);
    // Past the writer's own backstop (16,000 pages, 64 MB), where it would checkpoint by itself.
    expect(written).toBeGreaterThanOrEqual(96 * 2 ** 20);
    // The thread's rounds started the log afresh long before that (past 16 MB): a log only the
    // backstop restarted would reach 64 MB.
    expect(largestLog, `${messages} messages`).toBeLessThan(48 * 2 ** 20);
    // And the writer no longer copied it itself every 1,000 pages (4 MB), on the event loop.
    expect(largestLog, `${messages} messages`).toBeGreaterThan(8 * 2 ** 20);
  }, 60_000);
});
