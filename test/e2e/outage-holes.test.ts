import { join } from "node:path";
import Database from "better-sqlite3";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countSocketEvents, launchChromium, needsChromium } from "../support/browser.ts";
import { idsIn } from "../support/html.ts";
import { hasRedisServer } from "../support/redis.ts";
import { requirement } from "../support/requirement.ts";
import { roomOnTwoInstancesOverOwnRedis } from "../support/room-server.ts";
import type { RunningServer } from "../support/server.ts";
import { switchableProxy } from "../support/switchable-proxy.ts";

const needsRedis = requirement(hasRedisServer(), "redis-server (the test starts its own, and stops it)");

/**
 * A soak found this: a message stored through instance B while Redis was down never reached a
 * page on instance A, because that page then got a newer message of A's own, left before A's
 * replay when Redis came back, and resumed on B "after" the newest message it held. Pages now
 * count places (`seq`): they ask for a hole that lasts, and resume from before the first hole.
 */
describe.skipIf(needsRedis.skip || needsChromium.skip)("holes left by a Redis outage, in a real browser", () => {
  const { room, redis, busIs } = roomOnTwoInstancesOverOwnRedis("Weathering");

  let proxy: Awaited<ReturnType<typeof switchableProxy>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    const [a] = room.instances as [RunningServer, RunningServer];
    proxy = await switchableProxy(a.port);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
    const [name, value] = room.alice.cookie.split("=") as [string, string];
    await context.addCookies([{ name, value, url: proxy.url }]);
    await countSocketEvents(context);
    page = await context.newPage();
    await page.goto(`${proxy.url}/rooms/${room.slug}`);
    await page.waitForFunction(() => window.__wsOpens >= 1);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await proxy?.close();
  });

  const instance = (i: 0 | 1) => room.instances[i] as RunningServer;
  const shown = (text: string) => page.locator(".messages article.message .body", { hasText: text }).count();
  const opens = () => page.evaluate(() => window.__wsOpens);
  const socketOpened = (count: number) => page.waitForFunction((n) => window.__wsOpens >= n, count);
  /** Stored by another instance during the outage, as if that outage had lasted a minute by now. */
  const backdate = (body: string) => {
    const sqlite = new Database(join(instance(0).dataDir, "parley.db"));
    try {
      sqlite.prepare("UPDATE messages SET created_at = created_at - 60000 WHERE body = ?").run(body);
    } finally {
      sqlite.close();
    }
  };
  const expectPageMatchesDatabase = async () => {
    const ids = idsIn(await page.innerHTML("[role=log]"));
    expect(ids).toEqual((await room.alice.messages(room.slug)).map((m) => m.id));
  };
  /** Redis is gone; the sends of each instance reach only its own pages. */
  const outage = async () => {
    await redis.crash();
    await busIs("down");
  };
  const recovery = async () => {
    await redis.restart();
    await busIs("up");
  };

  it("fills a hole on the open page from the database while Redis is still down", async () => {
    await room.alice.post(room.slug, "before the outage");
    await expect.poll(() => shown("before the outage")).toBe(1);

    await outage();
    await room.bob.post(room.slug, "through B, during the outage"); // bob's client talks to B
    await room.alice.post(room.slug, "through A, after it"); // alice's to A, where the page is
    await expect.poll(() => shown("through A, after it")).toBe(1);
    // Without a reconnect, and with Redis still down: the page asked for its hole.
    await expect.poll(() => shown("through B, during the outage"), { timeout: 10_000 }).toBe(1);
    expect(await page.evaluate(() => window.__wsCloses)).toBe(0);
    await expectPageMatchesDatabase();
    await recovery();
  });

  it("resumes from before its hole on the other instance, however long ago the missing message was stored", async () => {
    const opened = await opens();
    await outage();
    await room.bob.post(room.slug, "through B, never passed on");
    backdate("through B, never passed on");
    await room.alice.post(room.slug, "through A, seen at once");
    await expect.poll(() => shown("through A, seen at once")).toBe(1);
    // The page leaves before it asks for the hole (and before A replays, once Redis is back)…
    const closed = await page.evaluate(() => window.__wsCloses);
    await context.setOffline(true);
    await page.waitForFunction((n) => window.__wsCloses > n, closed);
    expect(await shown("through B, never passed on")).toBe(0);
    await recovery();
    // …and comes back through the load balancer to the other instance.
    proxy.switchTo(instance(1).port);
    await context.setOffline(false);
    await socketOpened(opened + 1);
    await expect.poll(() => shown("through B, never passed on")).toBe(1);
    await expectPageMatchesDatabase();
  });

  it("fills a hole in the room's changes on the open page while Redis is still down", async () => {
    // The page on B, whichever instance it was on: through the load balancer, after a reconnect.
    proxy.switchTo(instance(1).port);
    const before = await page.evaluate(() => window.__wsCloses);
    const opened = await opens();
    await context.setOffline(true);
    await page.waitForFunction((n) => window.__wsCloses > n, before);
    await context.setOffline(false);
    await socketOpened(opened + 1);
    await room.alice.post(room.slug, "see you at 9");
    await expect.poll(() => shown("see you at 9"), { timeout: 10_000 }).toBe(1);
    const id = (await room.alice.messages(room.slug)).find((m) => m.body === "see you at 9")?.id;
    const closes = await page.evaluate(() => window.__wsCloses);

    await outage();
    // Alice edits through A (change n, never passed on to B); bob then reacts through B (n + 1, live).
    const edited = await room.alice.call(`/api/rooms/${room.slug}/messages/${id}`, {
      method: "PATCH",
      body: JSON.stringify({ body: "see you at 10" }),
      headers: { "content-type": "application/json" },
    });
    expect(edited.status).toBe(200);
    const reacted = await room.bob.call(
      `/api/rooms/${room.slug}/messages/${id}/reactions/${encodeURIComponent("👍")}`,
      {
        method: "PUT",
      },
    );
    expect(reacted.status).toBe(200);
    const reaction = page.locator(`#message-${id} .reaction`);
    await expect.poll(() => reaction.count(), { timeout: 10_000 }).toBe(1);
    // The page counted a skipped change and asked for it: the edit shows, without a reconnect.
    await expect.poll(() => shown("see you at 10"), { timeout: 10_000 }).toBe(1);
    expect(await reaction.getAttribute("data-people")).toBe("bob");
    expect(await page.evaluate(() => window.__wsCloses)).toBe(closes);
    await recovery();
  });
});
