import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { root } from "../support/server.ts";

const dir = mkdtempSync(join(tmpdir(), "parley-wal-node-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("Node's store under continuous writes", () => {
  it("checkpoints the log on a worker thread, and the log still starts afresh every quarter second or so", () => {
    const output = execFileSync("node", ["--import", "tsx", "test/store/wal-under-writes.ts", dir, "node"], {
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
