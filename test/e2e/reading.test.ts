import { readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { needsChromium } from "../support/browser.ts";
import { serverAndBrowser } from "../support/browser-server.ts";
import { type Client, numbered, signUpOver } from "../support/client.ts";
import { eventually } from "../support/eventually.ts";
import { openRoomPage } from "./room-page.ts";

const minute = 60_000;
const zone = "America/New_York";
/** A font of Debian's (Chromium depends on it), to arrive late as a web font would. */
const lateFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

/**
 * Opening a room as a reader does: the newest message is on screen however the page's own
 * script rearranges the list, and reading it clears the room's unread count.
 */
describe.skipIf(needsChromium.skip)("reading a room in a real browser", () => {
  const the = serverAndBrowser();
  let alice: Client;
  let bob: Client;

  beforeAll(async () => {
    [alice, bob] = await Promise.all([signUpOver(the.server.url, "alice"), signUpOver(the.server.url, "bob")]);
  });

  /** Gives stored messages the times they should have had (the server stamps them with now). */
  const backdate = (times: [id: number, at: number][]) => {
    const db = new Database(join(the.server.dataDir, "parley.db"));
    const update = db.prepare("UPDATE messages SET created_at = ? WHERE id = ?");
    for (const [id, at] of times) update.run(at, id);
    db.close();
  };

  /** The start of yesterday in `zone`, as the browser reckons it: always in the past, whatever the hour. */
  const startOfYesterday = async () => {
    const context = await the.browser.newContext({ timezoneId: zone });
    const page = await context.newPage();
    const at = await page.evaluate(() => {
      const now = new Date();
      return new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1).getTime();
    });
    await context.close();
    return at;
  };

  /** What alice's home page says of the room: its unread badge's text, or "" when it has none. */
  const unreadOnHome = async (slug: string) => {
    const html = await (await alice.call("/")).text();
    const card = html.split('<li class="room-card">').find((item) => item.includes(`href="/rooms/${slug}"`)) ?? "";
    return /<span class="badge">(\d+\+?)/.exec(card)?.[1] ?? "";
  };

  const newestInView = (page: Page) =>
    page.evaluate(() => {
      const timeline = document.querySelector(".timeline") as HTMLElement;
      const newest = timeline.querySelector("[role=log] > .message:last-child") as HTMLElement;
      const box = timeline.getBoundingClientRect();
      const rect = newest.getBoundingClientRect();
      return rect.top >= box.top && rect.bottom <= box.bottom + 1;
    });

  it("a last page that crosses midnight opens at its newest message, and reading it clears the unread count", async () => {
    const slug = await alice.createRoom("Night shift");
    await bob.call(`/rooms/${slug}`);
    await bob.postMany(slug, numbered("night", 60));
    // The last page: 35 messages before midnight in the reader's zone, 15 after.
    const midnight = await startOfYesterday();
    const stored = await alice.messages(slug);
    backdate(stored.map((message, index) => [message.id, midnight + (index - 45) * minute]));
    expect(await unreadOnHome(slug)).toBe("60");

    const { page, context, errors } = await openRoomPage(the.browser, the.server.url, alice, slug, {
      timezoneId: zone,
    });
    expect(await page.locator(".messages > .message[data-day]").count()).toBe(2);
    await expect.poll(() => newestInView(page)).toBe(true);
    await eventually("the read mark to clear the unread count", async () =>
      (await unreadOnHome(slug)) === "" ? true : undefined,
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a font that arrives after the first render leaves the newest message in view", async () => {
    const slug = await alice.createRoom("Late letters");
    await bob.call(`/rooms/${slug}`);
    await bob.postMany(slug, numbered("letter", 30));
    const { page, context, errors } = await openRoomPage(the.browser, the.server.url, alice, slug);
    await expect.poll(() => newestInView(page)).toBe(true);
    // As a web font does when it loads: every line is set again, taller.
    // As base64: a string crosses to the page far faster than an array of 750,000 numbers.
    const font = readFileSync(lateFont).toString("base64");
    await page.evaluate(async (base64) => {
      const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      // size-adjust is newer than TypeScript's DOM types.
      const face = new FontFace("Late", bytes, { sizeAdjust: "140%" } as FontFaceDescriptors);
      document.fonts.add(await face.load());
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(".timeline { font-family: Late, sans-serif; }");
      document.adoptedStyleSheets = [sheet];
    }, font);
    await expect.poll(() => newestInView(page)).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a newest message on screen is read even when the timeline is not at its very bottom", async () => {
    const slug = await alice.createRoom("Long last word");
    await bob.call(`/rooms/${slug}`);
    await bob.postMany(slug, numbered("word", 30));
    await bob.post(slug, Array.from({ length: 16 }, (_, n) => `line ${n + 1}`).join("\n"));
    const { page, context, errors } = await openRoomPage(the.browser, the.server.url, alice, slug);
    // The reader had scrolled up a little before the page could send anything.
    await page.evaluate(() => {
      const timeline = document.querySelector(".timeline") as HTMLElement;
      timeline.scrollTop -= 80;
    });
    await page.waitForFunction(() => {
      const timeline = document.querySelector(".timeline") as HTMLElement;
      return timeline.scrollHeight - timeline.scrollTop - timeline.clientHeight >= 60;
    });
    await eventually("the read mark to clear the unread count", async () =>
      (await unreadOnHome(slug)) === "" ? true : undefined,
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  for (const locale of ["en-US", "en-GB"]) {
    it(`a grouped message's time (${locale}) shows on hover beside its text, on one line, without a leading zero`, async () => {
      const slug = await alice.createRoom(`Afternoon ${locale}`);
      await bob.call(`/rooms/${slug}`);
      for (const text of ["first thought", "second thought", "third thought"]) await bob.post(slug, text);
      const midnight = await startOfYesterday();
      const stored = await alice.messages(slug);
      // 12:58 is the widest time of a 12-hour clock; 4:57 the one that once read "04:57".
      const times = [12 * 60 + 56, 12 * 60 + 58, 12 * 60 + 59].map((m) => midnight + m * minute);
      times[2] = midnight + (16 * 60 + 57) * minute;
      backdate(stored.map((message, index) => [message.id, times[index] ?? 0]));
      // The third is hours after the second: it starts a group of its own, so post a fourth to group with it.
      await bob.post(slug, "fourth thought");
      const fourth = (await alice.messages(slug)).at(-1)?.id ?? 0;
      backdate([[fourth, midnight + (16 * 60 + 58) * minute]]);

      for (const width of [375, 1280]) {
        const { page, context, errors } = await openRoomPage(the.browser, the.server.url, alice, slug, {
          timezoneId: zone,
          locale,
          viewport: { width, height: 700 },
        });
        const continued = page.locator("[role=log] > .message.continued");
        expect(await continued.count()).toBe(2);
        const expected = locale === "en-US" ? [/^12:58\sPM$/, /^4:58\sPM$/] : [/^12:58$/, /^16:58$/];
        for (const [index, shape] of expected.entries()) {
          const message = continued.nth(index);
          await message.hover();
          const time = message.locator("header time");
          expect(await time.textContent()).toMatch(shape);
          const fit = await message.evaluate((el) => {
            const time = el.querySelector("header time") as HTMLElement;
            const body = el.querySelector(".body") as HTMLElement;
            const lines = time.getClientRects().length;
            const box = time.getBoundingClientRect();
            return {
              lines,
              visible: getComputedStyle(time).visibility,
              clear: box.right <= body.getBoundingClientRect().left,
            };
          });
          expect(fit).toEqual({ lines: 1, visible: "visible", clear: true });
        }
        expect(errors).toEqual([]);
        await context.close();
      }
    });
  }
});
