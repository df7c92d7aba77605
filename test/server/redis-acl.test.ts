import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sparePort } from "../../scripts/spare-port.ts";
import { connect } from "../../src/bus/redis.ts";
import { socketOf } from "../support/client.ts";
import { eventually } from "../support/eventually.ts";
import { crash, hasRedisServer, redisCommand, startRedis } from "../support/redis.ts";
import { requirement } from "../support/requirement.ts";
import { roomOnTwoInstances, roomServer } from "../support/room-server.ts";
import { root } from "../support/server.ts";

const needsRedis = requirement(hasRedisServer(), "redis-server (the ACL tests start their own)");

/** The rules docs/security.md tells operators to give Parley's Redis user, word for word. */
function documentedRules(): string[] {
  const doc = readFileSync(join(root, "docs", "security.md"), "utf8");
  const line = doc.split("\n").find((text) => text.trim().startsWith("ACL SETUSER parley-prod "));
  if (!line) throw new Error("docs/security.md no longer shows an ACL SETUSER parley-prod line");
  return line.trim().split(/\s+/).slice(3);
}

/** What docs/security.md once recommended: enough for the bus, not for presence or the limits. */
const busOnly =
  "resetchannels &parley-old:* resetkeys -@all +publish +subscribe +unsubscribe +ping +info +client|setname";

/**
 * A Redis of the test's own that knows only the users of an ACL file: the one the docs
 * recommend, one with the rules the docs once gave, and an administrator for the test to look.
 */
describe.skipIf(needsRedis.skip)("Parley under the Redis ACL that docs/security.md recommends", () => {
  let port: number;
  let redis: ChildProcess;
  const folder = mkdtempSync(join(tmpdir(), "parley-acl-"));
  beforeAll(async () => {
    port = await sparePort();
    const aclFile = join(folder, "users.acl");
    writeFileSync(
      aclFile,
      [
        `user parley-prod ${documentedRules().join(" ")}`,
        `user parley-old on >secret ${busOnly}`,
        "user default on nopass ~* &* +@all",
        "",
      ].join("\n"),
    );
    redis = await startRedis(port, ["--aclfile", aclFile]);
  });
  afterAll(async () => {
    await crash(redis);
    rmSync(folder, { recursive: true, force: true });
  });
  const as = (user: string) => ({
    REDIS_URL: `redis://${user}:secret@127.0.0.1:${port}`,
    BUS_NAMESPACE: user,
    RATE_LIMIT: "on",
  });
  const health = async (url: string) => (await fetch(`${url}/healthz`)).json();

  describe("with the documented user", () => {
    const room = roomOnTwoInstances("Guarded", () => as("parley-prod"));

    it("shares presence and limits between instances, and /healthz says ok", async () => {
      const [a, b] = room.instances;
      if (!a || !b) throw new Error("two instances expected");
      const alice = socketOf(room.alice, a.url, room.slug);
      const bob = socketOf(room.bob, b.url, room.slug);
      // bob is on the other instance: alice hears of him only through presence on Redis.
      await alice.frame((frame) => frame.includes('href="/u/bob"') && frame.includes('href="/u/alice"'));
      const key = `send-${Date.now()}`;
      alice.send({ body: "under the ACL", key });
      await alice.frame((frame) => frame.includes(`#pending-${key}"`));
      await bob.frame((frame) => frame.includes("under the ACL"));
      const keys = await redisCommand(`redis://127.0.0.1:${port}`, "KEYS", "parley-prod:*");
      expect(keys).toContain("parley-prod:limit:message:");
      expect(keys).toContain("parley-prod:open:session-sockets:");
      expect(keys).toContain("parley-prod:presence:room:");
      for (const instance of room.instances) {
        expect(await health(instance.url)).toMatchObject({ status: "ok", db: "up", bus: "up" });
        expect((await health(instance.url)).refused).toBeUndefined();
      }
      alice.close();
      bob.close();
    }, 30_000);

    it("confines the user to its own namespace", async () => {
      const user = connect(`redis://parley-prod:secret@127.0.0.1:${port}`, "test", { enableOfflineQueue: true });
      const refused = (command: Promise<unknown>) =>
        command.then(
          () => "done",
          (error: Error) => error.message,
        );
      expect(await refused(user.set("elsewhere:key", "1"))).toMatch(/^NOPERM/);
      expect(await refused(user.publish("elsewhere:room:1", "x"))).toMatch(/^NOPERM/);
      expect(await refused(user.flushall())).toMatch(/^NOPERM/);
      expect(await refused(user.call("CLIENT", "PAUSE", "1"))).toMatch(/^NOPERM/);
      expect(await refused(user.keys("parley-prod:*"))).toMatch(/^NOPERM/);
      expect(await refused(user.set("parley-prod:mine", "1"))).toBe("done");
      user.disconnect();
    });
  });

  describe("with a user that may only publish and subscribe", () => {
    const room = roomServer(() => as("parley-old"));

    it("says on /healthz what Redis refuses, rather than going quietly without", async () => {
      const socket = await room.socket(room.alice);
      const report = await eventually("a refusal on /healthz", async () => {
        const now = await health(room.server.url);
        return now.refused?.length >= 2 ? now : undefined;
      });
      expect(report).toMatchObject({ status: "degraded", db: "up", bus: "up" });
      expect(report.refused.join("\n")).toMatch(/^presence: NOPERM/m);
      expect(report.refused.join("\n")).toMatch(/^limits: NOPERM/m);
      // Still chatting: presence and limits kept to this instance.
      const key = `send-${Date.now()}`;
      socket.send({ body: "refused but served", key });
      await socket.frame((frame) => frame.includes(`#pending-${key}"`));
      socket.close();
    }, 30_000);
  });
});
