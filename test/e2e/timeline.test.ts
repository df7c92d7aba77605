import { join } from "node:path";
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, needsChromium } from "../support/browser.ts";
import { type Client, numbered, signUpOver } from "../support/client.ts";
import { type RunningServer, removeDataDir, startServer } from "../support/server.ts";
import { openRoomPage } from "./room-page.ts";

const minute = 60_000;
const day = 24 * 60 * minute;

/** Each message's grouping as the reader sees it: "name" starts a group, "…" continues one; a day label first. */
const shape = (page: Page) =>
  page.$$eval(".timeline .messages > .message", (messages) =>
    messages.map((m) => {
      const el = m as HTMLElement;
      const label = el.dataset.day ? `[${el.dataset.day}] ` : "";
      return `${label}${el.classList.contains("continued") ? "…" : el.querySelector(".author")?.textContent}`;
    }),
  );

describe.skipIf(needsChromium.skip)("the timeline in a real browser", () => {
  let server: RunningServer;
  let browser: Browser;
  let alice: Client;
  let bob: Client;
  const pages: { close(): Promise<void> }[] = [];

  /** Gives stored messages the times they should have had (the server stamps them with now). */
  const backdate = (times: [id: number, at: number][]) => {
    const db = new Database(join(server.dataDir, "parley.db"));
    const update = db.prepare("UPDATE messages SET created_at = ? WHERE id = ?");
    for (const [id, at] of times) update.run(at, id);
    db.close();
  };

  const open = async (who: Client, slug: string, viewport = { width: 1000, height: 720 }) => {
    const { page, context, errors } = await openRoomPage(browser, server.url, who, slug);
    await page.setViewportSize(viewport);
    pages.push(context);
    return { page, errors };
  };

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    alice = await signUpOver(server.url, "alice");
    bob = await signUpOver(server.url, "bob");
  });

  afterAll(async () => {
    for (const page of pages) await page.close();
    await browser?.close();
    await server?.stop();
    if (server) removeDataDir(server);
  });

  it("groups one author's messages minutes apart and opens each day with its name", async () => {
    const slug = await alice.createRoom("Days");
    await bob.call(`/rooms/${slug}/join`, { method: "POST" });
    const plan: [Client, number][] = [
      [alice, Date.now() - 3 * day],
      [alice, Date.now() - 3 * day + minute],
      [bob, Date.now() - 3 * day + 2 * minute],
      [bob, Date.now() - day],
      [bob, Date.now() - day + 3 * minute],
      // Ten minutes later: too long ago to share a name.
      [bob, Date.now() - day + 13 * minute],
      [alice, Date.now() - minute],
      [alice, Date.now()],
    ];
    for (const [index, [who]] of plan.entries()) await who.post(slug, `message ${index + 1}`);
    const stored = await alice.messages(slug);
    backdate(stored.map((message, index) => [message.id, plan[index]?.[1] ?? 0]));

    const { page, errors } = await open(alice, slug);
    const threeDaysAgo = await page.evaluate((at) => {
      const date = new Date(at);
      const year = date.getFullYear() === new Date().getFullYear() ? undefined : "numeric";
      return date.toLocaleDateString([], { weekday: "long", month: "long", day: "numeric", year });
    }, plan[0]?.[1] ?? 0);
    expect(await shape(page)).toEqual([
      `[${threeDaysAgo}] alice`,
      "…",
      "bob",
      "[Yesterday] bob",
      "…",
      "bob",
      "[Today] alice",
      "…",
    ]);
    // A continued message keeps its author's name for screen readers but is no tab stop.
    expect(await page.locator(".message.continued .author[tabindex='-1']").count()).toBe(3);

    // A message arriving live joins the group before it.
    await alice.post(slug, "message 9");
    await expect.poll(() => shape(page).then((s) => s.at(-1))).toBe("…");

    // Hovering a time shows the full date and time.
    const time = page.locator(".message:not(.continued) time").first();
    await time.hover();
    const full = await time.evaluate((el) => getComputedStyle(el, "::after").content);
    expect(full).toContain(String(new Date(plan[0]?.[1] ?? 0).getFullYear()));
    expect(errors).toEqual([]);
  });

  it("renders formatting as markup and what people type as text", async () => {
    const slug = await alice.createRoom("Formats");
    await alice.post(slug, "**bold** and *italic* and `code` and https://example.com/x?y=1");
    await alice.post(slug, "<img src=x onerror=\"document.title='pwned'\"> **<b>not bold tag</b>**");
    await alice.post(slug, "```\nconst a = 1 < 2;\n```");
    const { page, errors } = await open(alice, slug);
    const [first, second, third] = await page.locator(".timeline .message .body").all();
    expect(await first?.locator("strong").textContent()).toBe("bold");
    expect(await first?.locator("em").textContent()).toBe("italic");
    expect(await first?.locator("code").textContent()).toBe("code");
    const link = first?.locator("a");
    expect(await link?.getAttribute("href")).toBe("https://example.com/x?y=1");
    expect(await link?.getAttribute("rel")).toBe("noopener nofollow ugc");
    expect(await second?.locator("img, b").count()).toBe(0);
    expect(await second?.locator("strong").textContent()).toBe("<b>not bold tag</b>");
    expect(await page.title()).not.toBe("pwned");
    expect(await third?.locator("pre code").textContent()).toBe("const a = 1 < 2;\n");
    expect(await third?.locator("pre").evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/mono/i);
    expect(errors).toEqual([]);
  });

  it("loads older messages above the one being read as the reader scrolls up, and from its button with the keyboard", async () => {
    const slug = await alice.createRoom("Long history");
    await alice.postMany(slug, numbered("history", 160));
    const { page, errors } = await open(alice, slug, { width: 1000, height: 600 });
    const timeline = page.locator(".timeline");
    // What the reader sees at the top: the first message below the control, and where it sits.
    const seen = () =>
      timeline.evaluate((el) => {
        const message = document.getElementById(el.dataset.watch ?? "") as HTMLElement;
        return Math.round(message.getBoundingClientRect().top - el.getBoundingClientRect().top);
      });
    // Scrolled up to the oldest message loaded: the page before it comes by itself.
    const focus = () => page.evaluate(() => document.activeElement?.outerHTML.slice(0, 60));
    const focusedBefore = await focus();
    await timeline.evaluate((el) => {
      el.dataset.watch = el.querySelector(".message")?.id;
      el.scrollTop = 0;
    });
    await expect.poll(() => page.locator(".messages.earlier .message").count()).toBe(50);
    // The reader stays at the message they had reached, not at the top of what came; focus stays put.
    expect(await timeline.evaluate((el) => el.scrollTop)).toBeGreaterThan(300);
    const reached = await seen();
    expect(reached).toBeGreaterThanOrEqual(0);
    expect(reached).toBeLessThan(200);
    expect(await focus()).toBe(focusedBefore);

    // The keyboard: the button loads (focus in the timeline fetches nothing by itself), and focus
    // stays on the control while there is more.
    await page.locator(".older button").focus();
    expect(await page.locator(".messages.earlier .message").count()).toBe(50);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator(".messages.earlier .message").count()).toBe(100);
    expect(await page.evaluate(() => document.activeElement?.matches(".older button"))).toBe(true);

    // Once more: the history starts here, and focus lands on saying so.
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator(".older .history-start").count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.matches(".history-start"))).toBe(true);
    expect(await page.locator(".timeline .message").count()).toBe(160);
    // Older pages sit outside the live log: a screen reader does not read history aloud.
    expect(await page.locator("[role=log] .message").count()).toBe(50);
    expect(errors).toEqual([]);
  });

  it("raises the 'new messages' pill for a message that arrives while older messages load", async () => {
    const slug = await alice.createRoom("Slow history");
    await alice.postMany(slug, numbered("old", 70));
    const { page, errors } = await open(alice, slug, { width: 1000, height: 600 });
    // The older page is held on its way, so the new message surely comes first.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/messages\?before=/, async (route) => {
      await held;
      await route.continue();
    });
    const asked = page.waitForRequest(/\/messages\?before=/);
    await page.locator(".timeline").evaluate((el) => {
      el.scrollTop = 0;
    });
    await asked;
    await alice.post(slug, "arrives meanwhile");
    await page.locator("[role=log] .message .body", { hasText: "arrives meanwhile" }).waitFor();
    await expect.poll(() => page.locator(".new-messages").isVisible()).toBe(true);
    release();
    await expect.poll(() => page.locator(".messages.earlier .message").count()).toBe(20);
    expect(errors).toEqual([]);
  });

  it("offers a 'new messages' pill to a reader scrolled up, and follows the newest otherwise", async () => {
    const slug = await alice.createRoom("Busy");
    await bob.call(`/rooms/${slug}/join`, { method: "POST" });
    await bob.postMany(slug, numbered("earlier", 40));
    const { page, errors } = await open(alice, slug, { width: 1000, height: 600 });
    const timeline = page.locator(".timeline");
    const atBottom = () => timeline.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight < 2);
    const pill = page.locator(".new-messages");
    // At the bottom once the first render has settled (day labels, fonts: each a resize it follows).
    await expect.poll(atBottom).toBe(true);

    await bob.post(slug, "while following");
    await page.locator(".message .body", { hasText: "while following" }).waitFor();
    await expect.poll(atBottom).toBe(true);
    expect(await pill.isVisible()).toBe(false);

    await timeline.evaluate((el) => {
      el.scrollTop = 0;
      el.dispatchEvent(new Event("scroll"));
    });
    await bob.post(slug, "while reading history");
    await pill.waitFor({ state: "visible" });
    expect(await timeline.evaluate((el) => el.scrollTop)).toBe(0);
    await pill.click();
    await expect.poll(atBottom).toBe(true);
    expect(await pill.isVisible()).toBe(false);
    expect(errors).toEqual([]);
  });
});
