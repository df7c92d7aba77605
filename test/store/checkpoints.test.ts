import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { launches, root } from "../support/server.ts";

const dir = mkdtempSync(join(tmpdir(), "parley-wal-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
/** A database folder of each writer's own. */
const folder = (name: string) => {
  mkdirSync(join(dir, name));
  return join(dir, name);
};

/** The runtimes that checkpoint on a thread of their own: Bun's Worker, Node's worker_threads. */
const writers = [
  { runtime: "Bun", command: launches.bun.command, args: ["test/store/wal-under-writes.ts", folder("bun")] },
  {
    runtime: "Node",
    command: "node",
    args: ["--import", "tsx", "test/store/wal-under-writes.ts", folder("node"), "node"],
  },
];

describe("the store under continuous writes", () => {
  it.each(writers.map((writer) => [writer.runtime, writer] as const))(
    "checkpoints the log off %s's event loop, and the log still starts afresh every quarter second or so",
    (_, { command, args }) => {
      const output = execFileSync(command, args, { cwd: root, encoding: "utf8" });
      const { messages, written, largestLog } = JSON.parse(output.trim().split("\n").pop() as string);
      // Past the writer's own backstop (16,000 pages, 64 MB), where it would checkpoint by itself.
      expect(written).toBeGreaterThanOrEqual(96 * 2 ** 20);
      // The thread's rounds started the log afresh long before that (past 16 MB): a log only the
      // backstop restarted would reach 64 MB.
      expect(largestLog, `${messages} messages`).toBeLessThan(48 * 2 ** 20);
      // And the writer no longer copied it itself every 1,000 pages (4 MB), on the event loop.
      expect(largestLog, `${messages} messages`).toBeGreaterThan(8 * 2 ** 20);
    },
    60_000,
  );

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
