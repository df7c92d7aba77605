import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { needsChromium } from "../support/browser.ts";
import { serverAndBrowser } from "../support/browser-server.ts";
import { signUpOver } from "../support/client.ts";
import { box, openRoomPage, reopened, room } from "./room-page.ts";

/** The message on `page` whose text is exactly `text`. */
const messageSaying = (page: Page, text: string) =>
  page
    .locator(".messages > article.message")
    .filter({ has: page.locator(".body", { hasText: new RegExp(`^${text}$`) }) });

/** Points at a message, as a person with a mouse does, and waits for its actions. */
const actionsOn = async (page: Page, text: string) => {
  // At its left edge: the toolbar, over the right of the message before, is not in the way there.
  await messageSaying(page, text).hover({ position: { x: 12, y: 12 } });
  const bar = page.locator(".message-actions");
  await bar.waitFor();
  return bar;
};

describe.skipIf(needsChromium.skip)("acting on messages in a real browser: edit, react, reply, delete", () => {
  const the = serverAndBrowser();

  it("shows every change live on every page, and on a page that was offline all along once it is back", async () => {
    const alice = await signUpOver(the.server.url, "alice");
    const bob = await signUpOver(the.server.url, "bob");
    const carol = await signUpOver(the.server.url, "carol");
    const slug = await alice.createRoom("Plans");
    await alice.post(slug, "wrong room, sorry");
    await alice.post(slug, "first draft of the plan");
    const a = await openRoomPage(the.browser, the.server.url, alice, slug);
    const b = await openRoomPage(the.browser, the.server.url, bob, slug);
    const c = await openRoomPage(the.browser, the.server.url, carol, slug);
    for (const { page } of [a, b, c]) page.setDefaultTimeout(10_000);

    // Carol's page goes offline before anything changes, and its socket really closes.
    const { closes } = await room(c.page);
    await c.context.setOffline(true);
    await c.page.waitForFunction((n) => window.__room.closes > n, closes);
    const { opens } = await room(c.page);

    // Alice: ↑ in the empty composer edits her last message, its source text in the box.
    await box(a.page).focus();
    await a.page.keyboard.press("ArrowUp");
    await a.page.locator(".composer-context", { hasText: "Editing message — Esc to cancel" }).waitFor();
    await expect.poll(() => box(a.page).inputValue()).toBe("first draft of the plan");
    await box(a.page).fill("the plan, final");
    await a.page.keyboard.press("Enter");
    const edited = messageSaying(b.page, "the plan, final");
    await edited.locator(".edited").waitFor();
    expect(await edited.locator(".edited").getAttribute("title")).toMatch(/^Edited /);
    // The edit is done on her page too: the box is empty again and says nothing about editing.
    await a.page.locator(".composer-context").waitFor({ state: "hidden" });
    expect(await box(a.page).inputValue()).toBe("");
    expect(await a.page.locator(".pending-list .pending").count()).toBe(0);

    // Bob reacts 👍 from the actions; alice sees the count, and the pill is pressed on his page only.
    await (await actionsOn(b.page, "the plan, final")).locator('[data-react="👍"]').click();
    const alicePill = messageSaying(a.page, "the plan, final").locator('.reaction[data-emoji="👍"]');
    await expect.poll(() => alicePill.locator(".count").textContent()).toBe("1");
    expect(await alicePill.getAttribute("aria-pressed")).toBe("false");
    expect(await alicePill.getAttribute("title")).toBe("bob");
    const bobPill = messageSaying(b.page, "the plan, final").locator('.reaction[data-emoji="👍"]');
    await expect.poll(() => bobPill.getAttribute("aria-pressed")).toBe("true");

    // Bob replies to the other message: the bar over his composer, then the quote in the room.
    await (await actionsOn(b.page, "wrong room, sorry")).locator("[data-action=reply]").click();
    await b.page.locator(".composer-context", { hasText: "Replying to alice: wrong room, sorry" }).waitFor();
    await box(b.page).fill("no harm done");
    await b.page.keyboard.press("Enter");
    const reply = messageSaying(a.page, "no harm done");
    await reply.locator(".reply-quote .reply-text", { hasText: "wrong room, sorry" }).waitFor();
    expect(await b.page.locator(".composer-context").isHidden()).toBe(true);
    // Its quote, clicked, lights up what it answers.
    await reply.locator(".reply-quote").click();
    await messageSaying(a.page, "wrong room, sorry").and(a.page.locator(".highlight")).waitFor();

    // Alice deletes that message, after saying yes; it leaves bob's page, and his quote says so.
    await (await actionsOn(a.page, "wrong room, sorry")).locator("[data-action=delete]").click();
    const dialog = a.page.locator("dialog.delete-message");
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain("Delete this message?It disappears for everyone.");
    await dialog.locator("button[value=delete]").click();
    await expect.poll(() => messageSaying(b.page, "wrong room, sorry").count()).toBe(0);
    await messageSaying(b.page, "no harm done")
      .locator(".reply-text.deleted", { hasText: "Message deleted" })
      .waitFor();
    expect(await messageSaying(a.page, "wrong room, sorry").count()).toBe(0);

    // Carol comes back: every change is on her page.
    expect(await messageSaying(c.page, "wrong room, sorry").count()).toBe(1);
    await c.context.setOffline(false);
    await reopened(c.page, opens);
    await expect.poll(() => messageSaying(c.page, "wrong room, sorry").count()).toBe(0);
    const plan = messageSaying(c.page, "the plan, final");
    await plan.locator(".edited").waitFor();
    await expect.poll(() => plan.locator('.reaction[data-emoji="👍"] .count').textContent()).toBe("1");
    expect(await plan.locator(".reaction").getAttribute("aria-pressed")).toBe("false");
    await messageSaying(c.page, "no harm done").locator(".reply-text.deleted").waitFor();
    expect(await messageSaying(c.page, "first draft of the plan").count()).toBe(0);

    for (const page of [a, b, c]) expect(page.errors).toEqual([]);
    await Promise.all([a.context.close(), b.context.close(), c.context.close()]);
  }, 60_000);

  it("offers Edit on one's own messages only, Delete on others' only to who moderates, and Escape gives the draft back", async () => {
    const owner = await signUpOver(the.server.url, "olga");
    const member = await signUpOver(the.server.url, "mel");
    const slug = await owner.createRoom("Rules");
    await owner.post(slug, "the owner speaks");
    await member.call(`/rooms/${slug}/join`, { method: "POST" });
    await member.post(slug, "a member speaks");
    const o = await openRoomPage(the.browser, the.server.url, owner, slug);
    const m = await openRoomPage(the.browser, the.server.url, member, slug);
    for (const { page } of [o, m]) page.setDefaultTimeout(10_000);

    const offered = async (page: Page, text: string) => {
      const bar = await actionsOn(page, text);
      const names = await bar
        .locator("button[data-action]:visible")
        .evaluateAll((buttons) => buttons.map((button) => button.getAttribute("data-action")));
      return names;
    };
    expect(await offered(m.page, "the owner speaks")).toEqual(["more", "reply", "copy-link"]);
    expect(await offered(m.page, "a member speaks")).toEqual(["more", "reply", "edit", "delete", "copy-link"]);
    expect(await offered(o.page, "a member speaks")).toEqual(["more", "reply", "delete", "copy-link"]);

    // A moderator deleting someone else's message is told whose it is; Cancel keeps it.
    await o.page.locator(".message-actions [data-action=delete]").click();
    const dialog = o.page.locator("dialog.delete-message");
    await dialog.locator("h2", { hasText: "Delete mel's message?" }).waitFor();
    await dialog.locator("button[value=cancel]").click();
    await dialog.waitFor({ state: "hidden" });
    expect(await messageSaying(o.page, "a member speaks").count()).toBe(1);

    // Mel's half-written words wait while she edits, and Escape brings them back.
    await box(m.page).fill("half a thought");
    await (await actionsOn(m.page, "a member speaks")).locator("[data-action=edit]").click();
    await expect.poll(() => box(m.page).inputValue()).toBe("a member speaks");
    await m.page.keyboard.type(" again");
    await m.page.keyboard.press("Escape");
    expect(await box(m.page).inputValue()).toBe("half a thought");
    expect(await m.page.locator(".composer-context").isHidden()).toBe(true);
    expect(await messageSaying(m.page, "a member speaks").count()).toBe(1);
    // Nothing was sent: no edit, no new message.
    expect((await member.messages(slug)).map((message) => message.body)).toEqual([
      "the owner speaks",
      "a member speaks",
    ]);

    // The link copied is the room opened at the message.
    await o.context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await (await actionsOn(o.page, "the owner speaks")).locator("[data-action=copy-link]").click();
    await o.page.locator(".message-actions-status", { hasText: "Link copied" }).waitFor();
    const id = await messageSaying(o.page, "the owner speaks").getAttribute("data-message-id");
    expect(await o.page.evaluate(() => navigator.clipboard.readText())).toBe(
      `${the.server.url}/rooms/${slug}?at=${id}`,
    );
    for (const page of [o, m]) expect(page.errors).toEqual([]);
    await Promise.all([o.context.close(), m.context.close()]);
  }, 60_000);

  it("sends a reply with an image as a reply too, and an edit with an image waiting sends only the text", async () => {
    const poster = await signUpOver(the.server.url, "pia");
    const slug = await poster.createRoom("Pictures");
    await poster.post(slug, "show me the view");
    const p = await openRoomPage(the.browser, the.server.url, poster, slug);
    p.page.setDefaultTimeout(10_000);
    // A 1×1 PNG.
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
      "base64",
    );
    const choose = () =>
      p.page
        .locator("form.attach input[type=file]")
        .setInputFiles({ name: "view.png", mimeType: "image/png", buffer: png });

    await (await actionsOn(p.page, "show me the view")).locator("[data-action=reply]").click();
    await choose();
    await box(p.page).fill("here it is");
    await box(p.page).press("Enter");
    const reply = messageSaying(p.page, "here it is");
    await reply.locator(".attachment img").waitFor();
    await reply.locator(".reply-quote .reply-text", { hasText: "show me the view" }).waitFor();
    await p.page.locator(".composer-context").waitFor({ state: "hidden" });

    // An image waiting while a message is edited stays for the next send: the edit is text.
    await choose();
    await box(p.page).press("ArrowUp");
    await expect.poll(() => box(p.page).inputValue()).toBe("here it is");
    await box(p.page).fill("here it is, at noon");
    await box(p.page).press("Enter");
    await messageSaying(p.page, "here it is, at noon").locator(".edited").waitFor();
    expect(await p.page.locator("form.attach .attach-chosen").textContent()).toBe("view.png");
    expect((await poster.messages(slug)).length).toBe(2);
    expect(p.errors).toEqual([]);
    await p.context.close();
  }, 60_000);

  it("lets an author delete their message without script, through the room's plain form", async () => {
    const author = await signUpOver(the.server.url, "nadia");
    const other = await signUpOver(the.server.url, "omar");
    // The room is omar's: nadia is a member who does not moderate it.
    const slug = await other.createRoom("Plain");
    await author.call(`/rooms/${slug}/join`, { method: "POST" });
    await other.post(slug, "not hers to delete");
    await author.post(slug, "sent <b>in haste</b>");
    const context = await the.browser.newContext({ javaScriptEnabled: false });
    const [name, value] = author.cookie.split("=") as [string, string];
    await context.addCookies([{ name, value, url: the.server.url }]);
    const page = await context.newPage();
    await page.goto(`${the.server.url}/rooms/${slug}`);
    const list = page.locator("details.no-script-deletes");
    await list.locator("summary").click();
    // Only her own message is offered, its text as text.
    expect(await list.locator("li").allTextContents()).toEqual(["sent <b>in haste</b>Delete"]);
    await Promise.all([page.waitForURL(`${the.server.url}/rooms/${slug}`), list.locator("button").click()]);
    expect(await page.locator(".messages article.message .body").allTextContents()).toEqual(["not hers to delete"]);
    expect(await page.locator("details.no-script-deletes").count()).toBe(0);
    expect((await author.messages(slug)).map((message) => message.body)).toEqual(["not hers to delete"]);
    await context.close();
  });

  it("shows a message's actions to a tap on a phone, and takes a quote whose message is not loaded to the room at it", async () => {
    const poster = await signUpOver(the.server.url, "tess");
    const slug = await poster.createRoom("Long");
    await poster.post(slug, "the very first word");
    const [first] = await poster.messages(slug);
    for (let n = 1; n <= 55; n++) await poster.post(slug, `filler ${n}`);
    await poster.call(`/api/rooms/${slug}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ body: "about that first word", reply_to: first?.id }),
    });
    const phone = await openRoomPage(the.browser, the.server.url, poster, slug, {
      viewport: { width: 375, height: 700 },
      hasTouch: true,
      isMobile: true,
    });
    phone.page.setDefaultTimeout(10_000);
    await messageSaying(phone.page, "filler 55").tap({ position: { x: 12, y: 12 } });
    const bar = phone.page.locator(".message-actions");
    await bar.waitFor();
    // On the screen whole, beside the message and within the window.
    const box = await bar.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 375).toBe(true);
    await bar.locator("[data-action=reply]").tap();
    await phone.page.locator(".composer-context", { hasText: "Replying to tess: filler 55" }).waitFor();
    await phone.page.locator(".composer-context-cancel").tap();
    await phone.page.locator(".composer-context").waitFor({ state: "hidden" });

    expect(await messageSaying(phone.page, "the very first word").count()).toBe(0);
    await Promise.all([
      phone.page.waitForURL(`${the.server.url}/rooms/${slug}?at=${first?.id}`),
      messageSaying(phone.page, "about that first word").locator(".reply-quote").tap(),
    ]);
    expect(phone.errors).toEqual([]);
    await phone.context.close();
  }, 60_000);

  it("lets a room's owner delete a guest's message in an embedded room: gone from the embed and the room page", async () => {
    const owner = await signUpOver(the.server.url, "oscar");
    const slug = await owner.createRoom("Help desk");
    // Another site, on another origin, that carries the room's snippet.
    const site = createServer((_, response) => {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end(
        `<!doctype html><html><head><title>Docs</title></head><body><h1>Docs</h1><script src="${the.server.url}/embed.js" data-room="${slug}" async></script></body></html>`,
      );
    });
    await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
    const siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    const saved = await owner.call(`/rooms/${slug}/settings`, {
      method: "POST",
      body: new URLSearchParams({ allowed_origins: siteUrl, guests: "on" }),
    });
    expect(saved.status).toBe(303);

    const o = await openRoomPage(the.browser, the.server.url, owner, slug);
    o.page.setDefaultTimeout(10_000);
    const guestContext = await the.browser.newContext({ viewport: { width: 800, height: 900 } });
    const guestPage = await guestContext.newPage();
    guestPage.setDefaultTimeout(10_000);
    await guestPage.goto(siteUrl);
    const frameOf = async () => {
      const frame = await (await guestPage.locator("iframe[data-parley-room]").elementHandle())?.contentFrame();
      if (!frame) throw new Error("no embedded frame");
      return frame;
    };
    await (await frameOf()).locator("#embed-nickname").fill("Grace");
    await (await frameOf()).locator(".nickname-form button").click();
    await (await frameOf()).locator("form.composer textarea[name=body]").waitFor();
    const frame = await frameOf();
    await frame.waitForFunction(
      () => document.querySelector(".connection")?.getAttribute("data-state") === "connected",
    );
    await frame.locator("form.composer textarea[name=body]").fill("buy cheap watches");
    await frame.locator("form.composer textarea[name=body]").press("Enter");
    await frame.locator("[role=log] .message .body", { hasText: "buy cheap watches" }).waitFor();

    await (await actionsOn(o.page, "buy cheap watches")).locator("[data-action=delete]").click();
    const dialog = o.page.locator("dialog.delete-message");
    await dialog.locator("h2", { hasText: "Delete Grace's message?" }).waitFor();
    await dialog.locator("button[value=delete]").click();
    await expect.poll(() => messageSaying(o.page, "buy cheap watches").count()).toBe(0);
    await expect
      .poll(() => frame.locator("[role=log] .message .body", { hasText: "buy cheap watches" }).count())
      .toBe(0);
    expect(o.errors).toEqual([]);
    await Promise.all([o.context.close(), guestContext.close()]);
    await new Promise<void>((resolve) => site.close(() => resolve()));
  }, 60_000);
});
