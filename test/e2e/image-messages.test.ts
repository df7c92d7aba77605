import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { needsChromium } from "../support/browser.ts";
import { serverAndBrowser } from "../support/browser-server.ts";
import { signUpOver } from "../support/client.ts";
import { fixture, sha256 } from "../support/files.ts";
import { box, openRoomPage } from "./room-page.ts";

const artifacts = join(import.meta.dirname, "..", "artifacts");
const fixtures = new URL("../fixtures/", import.meta.url);

/** A 640×400 PNG drawn and encoded by Chromium itself: large enough to be shown scaled down. */
const drawnPng = async (page: Page) =>
  Buffer.from(
    await page.evaluate(async () => {
      const canvas = document.createElement("canvas");
      canvas.width = 640;
      canvas.height = 400;
      const draw = canvas.getContext("2d") as CanvasRenderingContext2D;
      const gradient = draw.createLinearGradient(0, 0, 640, 400);
      gradient.addColorStop(0, "#2a6f97");
      gradient.addColorStop(1, "#f4a259");
      draw.fillStyle = gradient;
      draw.fillRect(0, 0, 640, 400);
      const blob = await new Promise<Blob>((done) => canvas.toBlob((b) => done(b as Blob), "image/png"));
      return [...new Uint8Array(await blob.arrayBuffer())];
    }),
  );

describe.skipIf(needsChromium.skip)("avatars and image messages in a real browser", () => {
  const the = serverAndBrowser();

  it("alice's new avatar and her image reach bob's open page live, and stay after a reload", async () => {
    const { server, browser } = the;
    const [alice, bob] = await Promise.all([signUpOver(server.url, "alice"), signUpOver(server.url, "bob")]);
    const slug = await alice.createRoom("General");
    const b = await openRoomPage(browser, server.url, bob, slug);
    const a = await openRoomPage(browser, server.url, alice, slug);

    // The avatar, from the settings form; then back to the room.
    await a.page.goto(`${server.url}/settings`);
    await a.page.fill("#display-name", "Alice Liddell");
    await a.page.setInputFiles("#avatar", new URL("tiny.webp", fixtures).pathname);
    await Promise.all([a.page.waitForURL(`${server.url}/settings`), a.page.click("text=Save profile")]);
    await a.page.goto(`${server.url}/rooms/${slug}`);
    await a.page.waitForFunction(() => window.__room.opens >= 1);

    // The image: chosen with the small button's file input, the composer's text its caption, sent
    // with htmx by the composer's Send (static/attachments.js).
    const form = a.page.locator("form.attach");
    const file = form.locator("input[type=file]");
    const send = a.page.locator("form.composer button[type=submit]");
    expect(await form.locator(".attach-send").isVisible()).toBe(false);
    // Refusals land in the form's error line: an HTML page named .png (the server's 415), and a
    // file over 2 MB (said at once, before anything is sent).
    await file.setInputFiles({ name: "cat.png", mimeType: "image/png", buffer: Buffer.from("<!DOCTYPE html><p>hi") });
    await send.click();
    await expect
      .poll(() => form.locator("[role=alert]").textContent())
      .toBe("That file is not a PNG, JPEG, WebP or GIF image.");
    await file.setInputFiles({ name: "huge.png", mimeType: "image/png", buffer: Buffer.alloc(2 * 1024 * 1024 + 1) });
    expect(await form.locator("[role=alert]").textContent()).toBe("That picture is too large: at most 2 MB.");
    expect(await file.inputValue()).toBe("");
    const png = await drawnPng(a.page);
    await file.setInputFiles({ name: "sunset.png", mimeType: "image/png", buffer: png });
    expect(await form.locator(".attach-chosen").textContent()).toBe("sunset.png");
    await box(a.page).fill("Look at <this>");
    await send.click();
    // Sent: the form is empty again, ready for the next image.
    await expect.poll(() => form.locator(".attach-chosen").textContent()).toBe("");
    expect(await file.inputValue()).toBe("");
    expect(await form.locator("[role=alert]").textContent()).toBe("");
    expect(await box(a.page).inputValue()).toBe("");

    const imageName = `${sha256(new Uint8Array(png))}.png`;
    const avatarName = `${sha256(fixture("tiny.webp"))}.webp`;
    const expectBoth = async (page: Page) => {
      const message = page.locator(".messages article.message", { has: page.locator(".attachment img") });
      const image = message.locator(".attachment img");
      await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(640);
      expect(await image.getAttribute("src")).toBe(`/files/${imageName}`);
      // Drawn at the bounded size its attributes give, before and after it loaded.
      expect(
        await image.evaluate((img) => [img.getBoundingClientRect().width, img.getBoundingClientRect().height]),
      ).toEqual([320, 200]);
      expect(await message.locator(".attachment").getAttribute("href")).toBe(`/files/${imageName}`);
      expect(await message.locator("img.avatar").getAttribute("src")).toBe(`/files/${avatarName}`);
      expect(await message.locator("a.author").textContent()).toBe("Alice Liddell");
      expect(await message.locator(".body").textContent()).toBe("Look at <this>");
    };
    await expectBoth(b.page);
    await expectBoth(a.page);

    // A text message right after, over the socket: grouped under the image message (same
    // author, by username): its avatar and name are hidden.
    await box(a.page).fill("and more");
    await box(a.page).press("Enter");
    const next = b.page.locator(".messages article.message").filter({ hasText: "and more" });
    await expect.poll(() => next.getAttribute("class")).toContain("continued");
    expect(await next.locator(".avatar").isVisible()).toBe(false);

    await b.page.reload();
    await b.page.waitForFunction(() => window.__room.opens >= 1);
    await expectBoth(b.page);
    mkdirSync(artifacts, { recursive: true });
    await b.page.screenshot({ path: join(artifacts, "image-messages.png") });
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });
});
