import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messagesFragment } from "../../src/rooms/broadcasts.tsx";
import { firstStored } from "../../src/store/records.ts";
import { rootPaths } from "../../views/paths.ts";
import { launchChromium, needsChromium, signedInContext } from "../support/browser.ts";
import { type Client, signUpOver } from "../support/client.ts";
import { idsIn } from "../support/html.ts";
import { type RunningServer, removeDataDir, startServer } from "../support/server.ts";

/** A page that loses its socket (tab hidden, server restart) catches up without a reload. */
describe.skipIf(needsChromium.skip)("reconnecting in a real browser", () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let alice: Client;
  let bob: Client;
  let slug: string;
  const pageErrors: string[] = [];
  const socketUrls: string[] = [];
  const consoleLines: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    [alice, bob] = await Promise.all([signUpOver(server.url, "alice"), signUpOver(server.url, "bob")]);
    slug = await alice.createRoom("Ops");
    browser = await launchChromium();
    context = await signedInContext(browser, alice, server.url, { width: 1000, height: 700 });
    page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("websocket", (socket) => socketUrls.push(socket.url()));
    page.on("console", (message) => consoleLines.push(message.text()));
    await page.goto(`${server.url}/rooms/${slug}`);
    await page
      .waitForFunction(() => window.__wsOpens >= 1, undefined, { timeout: 15_000 })
      .catch(async (error) => {
        const state = await page.evaluate(() => [window.__wsOpens, window.__wsCloses]);
        throw new Error(`no socket: ${page.url()} opens/closes ${state} urls ${socketUrls} console ${consoleLines}`, {
          cause: error,
        });
      });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
    if (server) removeDataDir(server);
  });

  const shown = (text: string) => page.locator(".messages article.message .body", { hasText: text }).count();
  const opens = () => page.evaluate(() => window.__wsOpens);
  /** What the page lists, in DOM order, must be the database's list: every message once, in id order. */
  const expectPageMatchesDatabase = async () => {
    const ids = idsIn(await page.innerHTML("[role=log]"));
    expect(ids).toEqual((await alice.messages(slug)).map((m) => m.id));
  };

  it("keeps its socket while the tab is hidden: what arrives shows, what was typed goes once", async () => {
    await bob.post(slug, "before hiding");
    await expect.poll(() => shown("before hiding")).toBe(1);
    const setHidden = (hidden: boolean) =>
      page.evaluate((value) => {
        Object.defineProperty(document, "hidden", { configurable: true, get: () => value });
        document.dispatchEvent(new Event("visibilitychange"));
      }, hidden);
    const [opened, closed] = [await opens(), await page.evaluate(() => window.__wsCloses)];
    await setHidden(true);

    // A hidden room still hears the room: it counts new messages in its title (room.js).
    for (const n of [1, 2, 3]) await bob.post(slug, `while hidden ${n}`);
    for (const n of [1, 2, 3]) await expect.poll(() => shown(`while hidden ${n}`)).toBe(1);
    await page.fill("form.composer textarea", "typed while away");
    await page.press("form.composer textarea", "Enter");
    await expect.poll(() => shown("typed while away")).toBe(1);

    await setHidden(false);
    await expect.poll(() => page.locator(".pending-list .pending").count()).toBe(0);
    expect(await page.evaluate(() => window.__wsCloses)).toBe(closed);
    expect(await opens()).toBe(opened);
    expect((await alice.messages(slug)).filter((m) => m.body === "typed while away")).toHaveLength(1);
    await expectPageMatchesDatabase();
  });

  it("reconnects by itself after a server restart and shows what was sent meanwhile", async () => {
    const before = await opens();
    const closes = await page.evaluate(() => window.__wsCloses);
    await server.stop();
    await page.waitForFunction((n) => window.__wsCloses > n, closes);
    server = await startServer({ dataDir: server.dataDir, port: server.port });
    for (const n of [1, 2]) await bob.post(slug, `during restart ${n}`);

    await page.waitForFunction((n) => window.__wsOpens > n, before, { timeout: 20_000 });
    const held = (await alice.messages(slug)).filter((m) => !m.body.startsWith("during restart")).at(-1)?.id;
    expect(new URL(socketUrls.at(-1) as string).searchParams.get("after")).toBe(String(held));
    for (const n of [1, 2]) await expect.poll(() => shown(`during restart ${n}`)).toBe(1);
    await bob.post(slug, "live again");
    await expect.poll(() => shown("live again")).toBe(1);
    await expectPageMatchesDatabase();
    expect(pageErrors).toEqual([]);
  });

  it("puts a late fragment in its place and shows a repeated one once", async () => {
    const roomId = Number((await page.getAttribute("[role=log]", "id"))?.replace("messages-room-", ""));
    const at = new Date();
    const fake = (id: number) => ({
      ...firstStored({
        id,
        seq: id - 900_000,
        roomId,
        body: `out of order ${id}`,
        createdAt: at,
        author: { id: 1, username: "bob", displayName: null, avatar: null, kind: "account" as const },
        image: null,
        replyTo: null,
      }),
      people: new Set<string>(),
    });
    // Rendered by the server's own broadcast code, delivered as htmx would deliver a socket frame.
    const frames = [
      await messagesFragment({ id: roomId }, [fake(900_012)], rootPaths),
      await messagesFragment({ id: roomId }, [fake(900_009)], rootPaths),
      await messagesFragment({ id: roomId }, [fake(900_012)], rootPaths),
    ];
    for (const text of frames) {
      await page.evaluate(
        (html) =>
          (window as unknown as { htmx: { swap(ctx: object): Promise<void> } }).htmx.swap({
            target: document.body,
            swap: "none",
            text: html,
          }),
        text,
      );
    }
    const tail = idsIn(await page.innerHTML("[role=log]")).slice(-2);
    expect(tail).toEqual([900_009, 900_012]);
    expect(await shown("out of order 900012")).toBe(1);
  });
});
