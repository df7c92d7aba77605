import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { needsChromium } from "../support/browser.ts";
import { serverAndBrowser } from "../support/browser-server.ts";
import { signUpOver } from "../support/client.ts";
import { box, openRoomPage } from "./room-page.ts";

const artifacts = join(import.meta.dirname, "..", "artifacts");

describe.skipIf(needsChromium.skip)("a live room in a real browser", () => {
  const the = serverAndBrowser();

  it("shows alice bob arriving, typing, sending and leaving", async () => {
    const alice = await signUpOver(the.server.url, "alice");
    const bob = await signUpOver(the.server.url, "bob");
    const slug = await alice.createRoom("Standup");
    const a = await openRoomPage(the.browser, the.server.url, alice, slug);
    const here = (names: string[]) =>
      expect.poll(() => a.page.locator(".present .present-name").allTextContents()).toEqual(names);
    await here(["alice"]);

    const b = await openRoomPage(the.browser, the.server.url, bob, slug);
    await here(["alice", "bob"]);
    expect(await a.page.locator(".room-header .here-count").textContent()).toBe("2 here");
    expect(await a.page.locator(".room-meta [id^=members-room]").textContent()).toBe("2 members");

    await box(b.page).pressSequentially("morning all", { delay: 20 });
    const typist = a.page.locator(".typing .typist");
    await typist.waitFor();
    expect(await typist.textContent()).toBe("bob is typing…");
    expect(await b.page.locator(".typing .typist").count()).toBe(0);
    mkdirSync(artifacts, { recursive: true });
    await a.page.screenshot({ path: join(artifacts, "live-room.png") });

    // Bob pauses: the line goes by itself (app.css fades it 3 s after his last signal), with no
    // frame to say so. Alice's page plays its animations ten times as fast meanwhile.
    const animations = await a.context.newCDPSession(a.page);
    await animations.send("Animation.enable");
    await animations.send("Animation.setPlaybackRate", { playbackRate: 10 });
    await expect.poll(() => typist.isVisible(), { timeout: 12_000, interval: 50 }).toBe(false);
    await animations.send("Animation.setPlaybackRate", { playbackRate: 1 });
    await box(b.page).pressSequentially(", hi @alice");
    await expect.poll(() => typist.isVisible()).toBe(true);
    await box(b.page).press("Enter");
    await a.page.locator("[role=log] .message .body", { hasText: "morning all" }).waitFor();
    // Mentions of the reader mark their message on the reader's page only.
    expect(await a.page.locator(".message.mentions-me a.mention").textContent()).toBe("@alice");
    await b.page.locator("[role=log] .message .body", { hasText: "morning all" }).waitFor();
    expect(await b.page.locator(".message.mentions-me").count()).toBe(0);
    await expect.poll(() => typist.count()).toBe(0);

    await b.context.close();
    await here(["alice"]);
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
  });
});

describe.skipIf(needsChromium.skip)("unread counts and notifications in a real browser", () => {
  const the = serverAndBrowser();

  it("counts another room's new messages in the sidebar, marks them new there, and clears them once read", async () => {
    const alice = await signUpOver(the.server.url, "alice");
    const bob = await signUpOver(the.server.url, "bob");
    const general = await alice.createRoom("General");
    const other = await alice.createRoom("Other");
    await bob.call(`/rooms/${general}/join`, { method: "POST" });
    await bob.post(general, "before alice looks");

    const elsewhere = await openRoomPage(the.browser, the.server.url, alice, other);
    const badge = elsewhere.page.locator(`.sidebar a[href="/rooms/${general}"] .badges`);
    await expect.poll(() => badge.textContent()).toBe("1 unread");
    await bob.post(general, "hey @alice, look");
    await expect.poll(() => badge.textContent()).toBe("@1 mention2 unread");

    // Alice opens General in another tab: the first unread message is marked, and reading it
    // clears the count on her first page.
    const reading = await openRoomPage(the.browser, the.server.url, alice, general);
    expect(await reading.page.locator(".message.unread-start .body").textContent()).toBe("before alice looks");
    await expect.poll(() => badge.textContent(), { timeout: 5000 }).toBe("");
    expect([...elsewhere.errors, ...reading.errors]).toEqual([]);
    await elsewhere.context.close();
    await reading.context.close();
  });

  it("counts new messages in the title of a hidden tab, and raises a notification as the person chose", async () => {
    const alice = await signUpOver(the.server.url, "carol");
    const bob = await signUpOver(the.server.url, "dave");
    const slug = await alice.createRoom("Quiet hours");
    await bob.call(`/rooms/${slug}/join`, { method: "POST" });
    const { page, context, errors } = await openRoomPage(the.browser, the.server.url, alice, slug);
    await context.grantPermissions(["notifications"]);
    await page.evaluate(() => {
      const shown: string[] = [];
      (window as unknown as { shown: string[] }).shown = shown;
      window.Notification = class extends Notification {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          shown.push(`${title}: ${options?.body}`);
        }
      };
      Object.defineProperty(document, "hidden", { configurable: true, get: () => true });
      document.dispatchEvent(new Event("visibilitychange"));
    });
    const shown = () => page.evaluate(() => (window as unknown as { shown: string[] }).shown);

    // The default choice: only mentions notify; every message counts in the title.
    await bob.post(slug, "just chatting");
    await expect.poll(() => page.title()).toBe("(1) Quiet hours · Parley");
    await bob.post(slug, "@carol are you there?");
    await expect.poll(() => page.title()).toBe("(2) Quiet hours · Parley");
    await expect.poll(shown).toEqual(["dave in Quiet hours: @carol are you there?"]);

    // Back in view: the title is the room's again.
    await page.evaluate(() => {
      Object.defineProperty(document, "hidden", { configurable: true, get: () => false });
      document.dispatchEvent(new Event("visibilitychange"));
    });
    await expect.poll(() => page.title()).toBe("Quiet hours · Parley");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("updates the home page's list of rooms live: counts and the latest message", async () => {
    const frank = await signUpOver(the.server.url, "frank");
    const gina = await signUpOver(the.server.url, "gina");
    const slug = await frank.createRoom("Homebase");
    const yard = await frank.createRoom("Backyard");
    await gina.call(`/rooms/${slug}/join`, { method: "POST" });
    await gina.call(`/rooms/${yard}/join`, { method: "POST" });
    const context = await the.browser.newContext();
    const [name, value] = frank.cookie.split("=") as [string, string];
    await context.addCookies([{ name, value, url: the.server.url }]);
    await context.addInitScript(() => {
      (window as unknown as { __incoming: number }).__incoming = 0;
      document.addEventListener("htmx:ws:after:message:incoming", () => {
        (window as unknown as { __incoming: number }).__incoming++;
      });
    });
    const page = await context.newPage();
    await page.goto(the.server.url);
    // The socket sends the counts as of now once it listens; then gina speaks.
    await page.waitForFunction(() => (window as unknown as { __incoming: number }).__incoming >= 1);
    await gina.post(slug, "hello home");
    const card = page.locator(".room-card", { hasText: "Homebase" });
    await expect.poll(() => card.locator(".badges").textContent()).toBe("1 unread");
    expect(await card.locator(".preview").textContent()).toBe("gina: hello home");

    // News of two rooms within a quarter second goes as one frame: both cards take their part.
    await gina.post(yard, "out back");
    await gina.post(slug, "and again");
    const backyard = page.locator(".room-card", { hasText: "Backyard" });
    await expect.poll(() => backyard.locator(".badges").textContent()).toBe("1 unread");
    expect(await backyard.locator(".preview").textContent()).toBe("gina: out back");
    await expect.poll(() => card.locator(".badges").textContent()).toBe("2 unread");
    expect(await card.locator(".preview").textContent()).toBe("gina: and again");
    await context.close();
  });

  it("keeps each person's notification choice per room, from the room's menu", async () => {
    const erin = await signUpOver(the.server.url, "erin");
    const slug = await erin.createRoom("Choices");
    const { page, context } = await openRoomPage(the.browser, the.server.url, erin, slug);
    await page.locator(".room-menu summary").click();
    await Promise.all([
      page.waitForURL(`${the.server.url}/rooms/${slug}`),
      page.getByRole("button", { name: "Every message" }).click(),
    ]);
    expect(await page.locator("section.room").getAttribute("data-notify")).toBe("all");
    await page.locator(".room-menu summary").click();
    expect(await page.getByRole("button", { name: "Every message" }).getAttribute("aria-pressed")).toBe("true");
    await context.close();
  });
});
