import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createMemoryBus } from "../../src/bus/memory.ts";
import { loadConfig } from "../../src/config.ts";
import { openParts } from "../../src/kit/open-parts.ts";
import { openSqlite } from "../../src/store/drivers/node.ts";
import { hasRedisServer, ownRedis } from "../support/redis.ts";
import { requirement } from "../support/requirement.ts";

const needsRedis = requirement(hasRedisServer(), "redis-server (this test starts its own)");
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** Opens the parts over a real SQLite file in a folder of its own; says how the file was opened. */
const open = async (env: Record<string, string>) => {
  const dataDir = mkdtempSync(join(tmpdir(), "parley-parts-"));
  folders.push(dataDir);
  const opened: { shared: boolean }[] = [];
  const parts = await openParts(
    loadConfig({ DATA_DIR: dataDir, ...env }),
    (path, options) => {
      opened.push(options);
      return openSqlite(path);
    },
    "test",
  );
  return { ...parts, opened };
};

describe("the parts a deployment opens", () => {
  it("on one instance: a bus nobody else hears, and a database file of its own", async () => {
    expect(createMemoryBus().shared).toBe(false);
    const { deps, opened, close } = await open({});
    expect(deps.bus.shared).toBe(false);
    expect(opened).toEqual([{ shared: false }]);
    await close();
  });

  describe.skipIf(needsRedis.skip)("with Redis", () => {
    const redis = ownRedis();

    it("a bus other instances hear, so the database file is opened as one they write to too", async () => {
      const { deps, opened, close } = await open({ REDIS_URL: redis.url });
      expect(deps.bus.shared).toBe(true);
      expect(opened).toEqual([{ shared: true }]);
      await close();
    });
  });
});
