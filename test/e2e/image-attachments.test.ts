import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations, htmlProblems } from "../support/audited-site.ts";
import { needsChromium } from "../support/browser.ts";
import { serverAndBrowser } from "../support/browser-server.ts";
import { signUpOver } from "../support/client.ts";
import { sha256 } from "../support/files.ts";
import { box, openRoomPage } from "./room-page.ts";

declare global {
  interface Window {
    __violations: string[];
  }
}

/** A 640×400 PNG drawn and encoded by Chromium itself. */
const drawnPng = async (page: Page) =>
  page.evaluate(async () => {
    const canvas = document.createElement("canvas");
    canvas.width = 640;
    canvas.height = 400;
    const draw = canvas.getContext("2d") as CanvasRenderingContext2D;
    draw.fillStyle = "#2a6f97";
    draw.fillRect(0, 0, 640, 400);
    draw.fillStyle = "#f4a259";
    draw.fillRect(160, 100, 320, 200);
    const blob = await new Promise<Blob>((done) => canvas.toBlob((b) => done(b as Blob), "image/png"));
    return [...new Uint8Array(await blob.arrayBuffer())];
  });

interface GivenFile {
  name: string;
  type: string;
  bytes: number[];
  /** Made in the page this long (zeros), rather than sent over. */
  size?: number;
}

/** What a person's paste (Ctrl+V) or drop hands the page: a DataTransfer holding a file made in the page. */
const give = (page: Page, how: "paste" | "drop", selector: string, file: GivenFile) =>
  page.evaluate(
    ({ how, selector, file }) => {
      const target = document.querySelector(selector) as HTMLElement;
      const transfer = new DataTransfer();
      const bytes = file.size ? new Uint8Array(file.size) : new Uint8Array(file.bytes);
      transfer.items.add(new File([bytes], file.name, { type: file.type }));
      if (how === "paste") {
        target.focus();
        return target.dispatchEvent(
          new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }),
        );
      }
      const drag = (type: string) =>
        target.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
      drag("dragover");
      const dropping = document.querySelector(".room")?.hasAttribute("data-dropping");
      drag("drop");
      return dropping;
    },
    { how, selector, file },
  );

describe.skipIf(needsChromium.skip)("images pasted, dropped and viewed in a real browser", () => {
  const the = serverAndBrowser();

  it("a pasted or dropped image waits as a thumbnail, goes with the composer's text as its caption, and opens over the room", async () => {
    const { server, browser } = the;
    const [alice, bob] = await Promise.all([signUpOver(server.url, "alice"), signUpOver(server.url, "bob")]);
    const slug = await alice.createRoom("Photos");
    const b = await openRoomPage(browser, server.url, bob, slug);
    const a = await openRoomPage(browser, server.url, alice, slug);
    for (const { page } of [a, b]) {
      await page.evaluate(() => {
        window.__violations = [];
        document.addEventListener("securitypolicyviolation", (event) =>
          window.__violations.push(event.violatedDirective),
        );
      });
    }
    const form = a.page.locator("form.attach");
    const preview = form.locator(".attach-preview");
    const thumb = form.locator(".attach-thumb");
    const sunset: GivenFile = { name: "sunset.png", type: "image/png", bytes: await drawnPng(a.page) };

    // The attach form's own caption and button give way to the composer.
    expect(await form.locator(".attach-caption").isVisible()).toBe(false);
    expect(await preview.isVisible()).toBe(false);

    // Pasted into the box while typing: the text stays, the image waits beside it, scaled down.
    await box(a.page).fill("Sunset <b>over</b> the bay");
    expect(await give(a.page, "paste", "form.composer textarea", sunset)).toBe(false); // taken, not pasted as text
    expect(await preview.isVisible()).toBe(true);
    expect(await form.locator(".attach-chosen").textContent()).toBe("sunset.png");
    await expect.poll(() => thumb.evaluate((c: HTMLCanvasElement) => [c.width, c.height])).toEqual([96, 60]);
    expect(await box(a.page).inputValue()).toBe("Sunset <b>over</b> the bay");
    expect(await box(a.page).getAttribute("placeholder")).toBe("Add a caption (optional)");

    // Removed: gone, and the words with it stay.
    await form.locator(".attach-remove").click();
    expect(await preview.isVisible()).toBe(false);
    expect(await form.locator("input[type=file]").inputValue()).toBe("");
    expect(await box(a.page).evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await box(a.page).inputValue()).toBe("Sunset <b>over</b> the bay");
    expect(await box(a.page).getAttribute("placeholder")).toBe("Message Photos");

    // Pasted again and sent with Enter: one message, the image with the box's text as caption.
    await give(a.page, "paste", "form.composer textarea", sunset);
    await box(a.page).press("Enter");
    const imageName = `${sha256(new Uint8Array(sunset.bytes))}.png`;
    const sent = b.page.locator(".messages article.message", { has: b.page.locator(".attachment img") }).first();
    await expect.poll(() => sent.locator(".body").textContent()).toBe("Sunset <b>over</b> the bay");
    expect(await sent.locator(".attachment img").getAttribute("src")).toBe(`/files/${imageName}`);
    await expect.poll(() => preview.isVisible()).toBe(false);
    expect(await box(a.page).inputValue()).toBe("");
    expect(await box(a.page).getAttribute("placeholder")).toBe("Message Photos");
    // The caption went with the image only, not also as a text over the socket.
    expect((await alice.messages(slug)).map((m) => m.body)).toEqual(["Sunset <b>over</b> the bay"]);

    // Dropped on the conversation, sent with the Send button and no words.
    expect(await give(a.page, "drop", ".timeline", { ...sunset, name: "again.png" })).toBe(true);
    expect(await a.page.locator(".room[data-dropping]").count()).toBe(0);
    expect(await form.locator(".attach-chosen").textContent()).toBe("again.png");
    await a.page.locator("form.composer button[type=submit]").click();
    await expect.poll(async () => (await alice.messages(slug)).length).toBe(2);
    await expect.poll(() => preview.isVisible()).toBe(false);

    // Dropped beside the conversation (the page's top bar): taken too, never opened in place of the room.
    expect(await give(a.page, "drop", ".topbar", { ...sunset, name: "beside.png" })).toBe(true);
    expect(await form.locator(".attach-chosen").textContent()).toBe("beside.png");
    expect(a.page.url()).toBe(`${server.url}/rooms/${slug}`);
    await form.locator(".attach-remove").click();

    // Refused at once: not an image, or too large; nothing waits.
    await give(a.page, "drop", ".timeline", { name: "notes.txt", type: "text/plain", bytes: [104, 105] });
    expect(await form.locator("[role=alert]").textContent()).toBe("That file is not a PNG, JPEG, WebP or GIF image.");
    expect(await preview.isVisible()).toBe(false);
    const huge = { name: "huge.png", type: "image/png", bytes: [], size: 2 * 1024 * 1024 + 1 };
    await give(a.page, "paste", "form.composer textarea", huge);
    expect(await form.locator("[role=alert]").textContent()).toBe("That picture is too large: at most 2 MB.");
    expect(await preview.isVisible()).toBe(false);

    // Refused by the server (a page named .png): the reason shows, the image and the words stay.
    const fake = { name: "fake.png", type: "image/png", bytes: [...Buffer.from("<!DOCTYPE html><p>hi")] };
    await give(a.page, "paste", "form.composer textarea", fake);
    await box(a.page).fill("keep these words");
    await box(a.page).press("Enter");
    await expect
      .poll(() => form.locator("[role=alert]").textContent())
      .toBe("That file is not a PNG, JPEG, WebP or GIF image.");
    expect(await box(a.page).inputValue()).toBe("keep these words");
    expect(await preview.isVisible()).toBe(true);
    await form.locator(".attach-remove").click();
    // And text alone goes over the socket as before.
    await box(a.page).press("Enter");
    await expect.poll(async () => (await alice.messages(slug)).map((m) => m.body).at(-1)).toBe("keep these words");

    // Bob opens the first image: over the room, full size, and back to its link.
    const link = sent.locator("a.attachment");
    const viewer = b.page.locator("dialog.image-viewer");
    await link.click();
    expect(await viewer.evaluate((dialog: HTMLDialogElement) => dialog.open)).toBe(true);
    expect(b.page.url()).toBe(`${server.url}/rooms/${slug}`);
    const big = viewer.locator("img");
    expect(await big.getAttribute("src")).toBe(`/files/${imageName}`);
    await expect.poll(() => big.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(640);
    expect(await big.getAttribute("alt")).toBe("Image from alice");
    expect(await viewer.locator(".image-viewer-original").getAttribute("href")).toBe(`/files/${imageName}`);
    await b.page.keyboard.press("Escape");
    expect(await viewer.evaluate((dialog: HTMLDialogElement) => dialog.open)).toBe(false);
    expect(await link.evaluate((el) => el === document.activeElement)).toBe(true);
    // From the keyboard, and closed with its button.
    await link.press("Enter");
    expect(await viewer.evaluate((dialog: HTMLDialogElement) => dialog.open)).toBe(true);
    await viewer.getByRole("button", { name: "Close" }).click();
    expect(await viewer.evaluate((dialog: HTMLDialogElement) => dialog.open)).toBe(false);
    expect(await link.evaluate((el) => el === document.activeElement)).toBe(true);

    for (const { page } of [a, b]) expect(await page.evaluate(() => window.__violations)).toEqual([]);
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  it("lists, quotes, links with their hosts, an image waiting and the viewer pass axe and html-validate", async () => {
    const { server, browser } = the;
    const carol = await signUpOver(server.url, "carol");
    const slug = await carol.createRoom("Audit");
    await carol.post(slug, "Plan:\n- book **the** room\n- ~~invites~~\n\n1. arrive\n2. talk");
    await carol.post(
      slug,
      "> who brings food?\nme: see [the menu](https://food.example.com/menu) or https://example.org",
    );
    for (const view of [
      { width: 1280, scheme: "light" },
      { width: 375, scheme: "dark" },
    ] as const) {
      // Without bypassing the page's CSP the test could not inject axe; the page itself is unchanged.
      const context = await browser.newContext({
        viewport: { width: view.width, height: 800 },
        colorScheme: view.scheme,
        bypassCSP: true,
      });
      const [name, value] = carol.cookie.split("=") as [string, string];
      await context.addCookies([{ name, value, url: server.url }]);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(`${server.url}/rooms/${slug}`);
      await page.locator(".link-host").first().waitFor();
      const png = { name: "audit.png", type: "image/png", bytes: await drawnPng(page) };
      if (view.width === 1280) {
        await give(page, "paste", "form.composer textarea", png);
        await box(page).press("Enter");
        await page.locator(".message a.attachment img").waitFor();
      }
      await give(page, "paste", "form.composer textarea", png);
      await page.locator(".attach-preview").waitFor();
      expect(await axeViolations(page), `${view.width} waiting`).toEqual([]);
      expect(await htmlProblems(page), `${view.width} waiting`).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await page.locator(".message a.attachment").click();
      await page.locator("dialog.image-viewer[open]").waitFor();
      expect(await axeViolations(page), `${view.width} viewer`).toEqual([]);
      expect(await htmlProblems(page), `${view.width} viewer`).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});
