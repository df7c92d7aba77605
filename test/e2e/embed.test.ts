import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { sign } from "hono/jwt";
import type { Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { needsChromium } from "../support/browser.ts";
import { serverAndBrowser } from "../support/browser-server.ts";
import { type Client, signUpOver } from "../support/client.ts";
import { openRoomPage } from "./room-page.ts";

const artifacts = join(import.meta.dirname, "..", "artifacts");

/**
 * Another site on another origin (127.0.0.1 against Parley's localhost, so the frame is
 * third-party and gets no cookies): its pages carry the snippet, and `/signed` signs its
 * visitor in with the room's secret, as the site's own server would.
 */
async function hostSite(parley: string, room: { slug: string; secret: () => string }) {
  const page = (snippet: string) =>
    `<!doctype html><html><head><title>Docs</title></head><body><h1>Our docs</h1><p>Ask us below.</p>${snippet}<p id="after">Footer</p></body></html>`;
  const server: Server = createServer(async (request, response) => {
    const path = request.url ?? "/";
    let token = "";
    if (path.startsWith("/signed")) {
      const exp = Math.floor(Date.now() / 1000) + 300;
      token = await sign({ sub: "reader-17", name: "Ada from Docs", aud: room.slug, exp }, room.secret(), "HS256");
    }
    const tokenAttribute = token ? ` data-token="${token}"` : "";
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    if (path.startsWith("/element")) {
      // The custom element, in the page before the script that defines it arrives.
      const element = `<parley-room room="${room.slug}" theme="dark" accent="ff6600"></parley-room>`;
      return response.end(page(`${element}<script src="${parley}/embed.js" async></script>`));
    }
    response.end(
      page(
        `<script src="${parley}/embed.js" data-room="${room.slug}" data-theme="light"${tokenAttribute} async></script>`,
      ),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const iframeOf = (page: Page) => page.locator("iframe[data-parley-room]");
async function roomFrame(page: Page): Promise<Frame> {
  const handle = await iframeOf(page).elementHandle();
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error("no embedded frame");
  return frame;
}
const iframeHeight = (page: Page) => iframeOf(page).evaluate((iframe) => iframe.getBoundingClientRect().height);

describe.skipIf(needsChromium.skip)("a room embedded in another site, in a real browser", () => {
  const the = serverAndBrowser();
  let alice: Client;
  let slug: string;
  let secret = "";
  let docs: Awaited<ReturnType<typeof hostSite>>;
  let stranger: Awaited<ReturnType<typeof hostSite>>;

  beforeAll(async () => {
    alice = await signUpOver(the.server.url, "alice");
    slug = await alice.createRoom("Docs help");
    docs = await hostSite(the.server.url, { slug, secret: () => secret });
    stranger = await hostSite(the.server.url, { slug, secret: () => secret });
    const saved = await alice.call(`/rooms/${slug}/settings`, {
      method: "POST",
      body: new URLSearchParams({ allowed_origins: docs.url, guests: "on" }),
    });
    expect(saved.status).toBe(303);
    const settings = await (await alice.call(`/rooms/${slug}/settings`)).text();
    secret = /id="embed-secret"[^>]*value="([^"]+)"/.exec(settings)?.[1] ?? "";
    expect(secret).not.toBe("");
  });
  afterAll(async () => {
    await docs?.close();
    await stranger?.close();
  });

  it("lets a guest and a signed reader chat with a member, live both ways, the frame fitting its content", async () => {
    const member = await openRoomPage(the.browser, the.server.url, alice, slug);
    const guestContext = await the.browser.newContext({ viewport: { width: 800, height: 900 } });
    const guestPage = await guestContext.newPage();
    const errors: string[] = [];
    guestPage.on("pageerror", (error) => errors.push(error.message));
    await guestPage.goto(`${docs.url}/guest`);

    let frame = await roomFrame(guestPage);
    await frame.locator("#embed-nickname").waitFor();
    // Third-party: the frame has no cookie of Parley's, whatever the member's browser holds.
    expect(await frame.evaluate(() => document.cookie)).toBe("");
    await frame.locator("#embed-nickname").fill("Grace");
    await frame.locator(".nickname-form button").click();
    await frame.locator("form.composer textarea[name=body]").waitFor();
    frame = await roomFrame(guestPage);
    await frame.waitForFunction(
      () => document.querySelector(".connection")?.getAttribute("data-state") === "connected",
    );
    const heightBefore = await iframeHeight(guestPage);

    await frame.locator("form.composer textarea[name=body]").fill("hello from the docs");
    await frame.locator("form.composer textarea[name=body]").press("Enter");
    const arrived = member.page.locator("[role=log] .message", { hasText: "hello from the docs" });
    await arrived.waitFor();
    expect(await arrived.locator(".author").textContent()).toBe("Grace");
    expect(await arrived.locator(".guest-tag").textContent()).toBe("guest");

    await member.page.locator("form.composer textarea[name=body]").fill("welcome, Grace");
    await member.page.locator("form.composer textarea[name=body]").press("Enter");
    await frame.locator("[role=log] .message .body", { hasText: "welcome, Grace" }).waitFor();

    // The frame grew with the conversation, and the embedding page's iframe followed it.
    for (const n of [1, 2, 3]) await alice.post(slug, `more help, part ${n}`);
    await frame.locator("[role=log] .message .body", { hasText: "more help, part 3" }).waitFor();
    await expect.poll(() => iframeHeight(guestPage)).toBeGreaterThan(heightBefore);
    const documentHeight = await frame.evaluate(() => document.documentElement.getBoundingClientRect().height);
    expect(Math.abs((await iframeHeight(guestPage)) - documentHeight)).toBeLessThanOrEqual(1);
    await guestPage.screenshot({ path: join(artifacts, "embed-guest.png"), fullPage: true });

    // A site's own signed-in reader: their name from the site, no nickname asked.
    const signedContext = await the.browser.newContext();
    const signedPage = await signedContext.newPage();
    signedPage.on("pageerror", (error) => errors.push(error.message));
    await signedPage.goto(`${docs.url}/signed`);
    const signed = await roomFrame(signedPage);
    await signed.locator(".embed-who", { hasText: "You are Ada from Docs" }).waitFor();
    await signed.waitForFunction(
      () => document.querySelector(".connection")?.getAttribute("data-state") === "connected",
    );
    await signed.locator("form.composer textarea[name=body]").fill("signed in from the docs");
    await signed.locator("form.composer textarea[name=body]").press("Enter");
    const fromSite = member.page.locator("[role=log] .message", { hasText: "signed in from the docs" });
    await fromSite.waitFor();
    expect(await fromSite.locator(".author").textContent()).toBe("Ada from Docs");
    await frame.locator("[role=log] .message .body", { hasText: "signed in from the docs" }).waitFor();

    // A reload of the frame keeps who they are (the session is in the frame's own URL).
    await signed.evaluate(() => location.reload());
    const reloaded = await roomFrame(signedPage);
    await reloaded.locator(".embed-who", { hasText: "You are Ada from Docs" }).waitFor();

    // Frames that reported in are never replaced by the explanation of a refused one.
    expect(await guestPage.locator(".parley-embed-notice").count()).toBe(0);
    expect(await iframeOf(guestPage).isVisible()).toBe(true);

    expect([...errors, ...member.errors]).toEqual([]);
    await Promise.all([guestContext.close(), signedContext.close(), member.context.close()]);
  });

  it("keeps a guest across the host site's pages: same name, not asked again, one member", async () => {
    const context = await the.browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    const membersShown = (frame: Frame) => frame.locator("[id^=members-room-]").textContent();
    const connected = (frame: Frame) =>
      frame.waitForFunction(() => document.querySelector(".connection")?.getAttribute("data-state") === "connected");

    await page.goto(`${docs.url}/guides/start`);
    let frame = await roomFrame(page);
    await frame.locator("#embed-nickname").fill("Lin");
    const before = Number.parseInt((await membersShown(frame)) ?? "", 10);
    await frame.locator(".nickname-form button").click();
    await frame.locator(".embed-who", { hasText: "You are Lin (guest)" }).waitFor();
    frame = await roomFrame(page);
    await connected(frame);
    // Joining made Lin a member (the count comes live once the socket is in).
    await expect.poll(() => membersShown(frame)).toBe(`${before + 1} members`);
    await frame.locator("form.composer textarea[name=body]").fill("first page");
    await frame.locator("form.composer textarea[name=body]").press("Enter");
    await frame.locator("[role=log] .message .body", { hasText: "first page" }).waitFor();

    // Another page of the same site: a fresh iframe with no session in its address.
    await page.goto(`${docs.url}/guides/next`);
    frame = await roomFrame(page);
    await frame.locator(".room-title").waitFor();
    expect(await frame.locator("#embed-nickname").count()).toBe(0);
    await frame.locator(".embed-who", { hasText: "You are Lin (guest)" }).waitFor();
    await connected(frame);
    await frame.locator("form.composer textarea[name=body]").fill("second page");
    await frame.locator("form.composer textarea[name=body]").press("Enter");
    const second = frame.locator("[role=log] .message", { hasText: "second page" });
    await second.waitFor();
    // Once the message went round the room, the socket had long joined: still one member more.
    expect(await second.locator(".author").textContent()).toBe("Lin");
    expect(await membersShown(frame)).toBe(`${before + 1} members`);
    const authors = await alice.call(`/api/rooms/${slug}/messages?limit=100`);
    const lines = ((await authors.json()) as { messages: { body: string; author: { username: string } }[] }).messages;
    const byLin = lines.filter((m) => m.body === "first page" || m.body === "second page");
    expect(new Set(byLin.map((m) => m.author.username)).size).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("also comes as a <parley-room> element, themed by its attributes", async () => {
    const context = await the.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${docs.url}/element`);
    const frame = await roomFrame(page);
    await frame.locator("#embed-nickname").waitFor();
    expect(await frame.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
    const accent = await frame.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--accent"));
    expect(accent.trim()).toBe("#ff6600");
    expect(await page.locator("parley-room iframe").count()).toBe(1);
    await context.close();
  });

  it("cannot be framed by a site that is not in the room's list, and says so in place of the frame", async () => {
    const context = await the.browser.newContext();
    const page = await context.newPage();
    // The page's clock, so the snippet's patience (6 s of it) can be spent at once.
    await page.clock.install();
    const refused = page.waitForEvent("console", (message) => /frame-ancestors/.test(message.text()));
    await page.goto(`${stranger.url}/guest`);
    await refused;
    const frame = await roomFrame(page);
    expect(frame.url()).toMatch(/^chrome-error:/);
    expect(await frame.locator("#embed-nickname").count()).toBe(0);

    // The frame never reports in: the snippet explains, where the frame was, what the site's owner can do.
    const notice = page.locator(".parley-embed-notice");
    await page.clock.fastForward(6000);
    await notice.waitFor();
    expect(await notice.getAttribute("role")).toBe("status");
    expect(await notice.innerText()).toContain("The chat could not be shown here.");
    expect(await notice.innerText()).toContain(stranger.url);
    expect(await iframeOf(page).isVisible()).toBe(false);
    // Between the page's own paragraphs, where the frame would have been.
    expect(await notice.evaluate((element) => element.nextElementSibling?.id)).toBe("after");
    await page.screenshot({ path: join(artifacts, "embed-refused.png"), fullPage: true });
    await context.close();
  });

  // Last: it un-shares the room.
  it("tells a reader and a guest at once that the room is no longer shared, when its creator un-shares it", async () => {
    const open = async (path: string) => {
      const context = await the.browser.newContext();
      const page = await context.newPage();
      await page.goto(`${docs.url}${path}`);
      return { context, page, frame: await roomFrame(page) };
    };
    const connected = (frame: Frame) =>
      frame.waitForFunction(() => document.querySelector(".connection")?.getAttribute("data-state") === "connected");
    const reader = await open("/guest");
    await connected(reader.frame);
    const guest = await open("/guest");
    await guest.frame.locator("#embed-nickname").fill("Grace");
    await guest.frame.locator(".nickname-form button").click();
    await guest.frame.locator("form.composer textarea[name=body]").waitFor();
    guest.frame = await roomFrame(guest.page);
    await connected(guest.frame);

    const saved = await alice.call(`/rooms/${slug}/settings`, {
      method: "POST",
      body: new URLSearchParams({ allowed_origins: "" }),
    });
    expect(saved.status).toBe(303);
    for (const { frame } of [reader, guest]) {
      await frame.getByText("This room is no longer shared here.").waitFor();
    }
    await alice.post(slug, "members only from now on");
    await Promise.all([reader.context.close(), guest.context.close()]);
  });
});
