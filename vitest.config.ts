import { defineConfig } from "vitest/config";
import SlowFirstSequencer from "./test/support/slow-first-sequencer.ts";

export default defineConfig({
  test: {
    include: ["test/**/*.test.{ts,tsx}"],
    // Server and browser tests start child processes; two cores fit two files at a time.
    maxWorkers: 2,
    // Each worker keeps the modules it loaded from one test file to the next: loading them again
    // for every file cost about 100 s of the suite's time (98 s of imports, 14 s without). Tests
    // open their own stores, servers and apps, and nothing they share keeps state between files.
    isolate: false,
    // One Chromium for every browser test file, each in contexts of its own.
    globalSetup: ["test/support/shared-chromium.ts"],
    // Slow folders first on a run with no timings to go by (CI), so no browser file comes last.
    sequence: { sequencer: SlowFirstSequencer },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
