import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { launches, root } from "../support/server.ts";

const dir = mkdtempSync(join(tmpdir(), "parley-wal-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("Bun's store under continuous writes", () => {
  it("checkpoints the log off the event loop, and the log still starts afresh every quarter second or so", () => {
    const output = execFileSync(launches.bun.command, ["test/store/wal-under-writes.ts", dir], {
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

  it("goes back to SQLite's own checkpoints when the thread fails, and loses no write", () => {
    const failing = mkdtempSync(join(tmpdir(), "parley-wal-fail-"));
    try {
      const output = execFileSync(launches.bun.command, ["test/store/checkpoint-thread-fails.ts", failing], {
        cwd: root,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      });
      expect(JSON.parse(output.trim().split("\n").pop() as string)).toEqual({
        withThread: 16_000,
        afterFailure: 1000,
        readBack: "still written",
      });
    } finally {
      rmSync(failing, { recursive: true, force: true });
    }
  }, 30_000);
});
