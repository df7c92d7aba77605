import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, needsChromium } from "../support/browser.ts";
import { signUpOver } from "../support/client.ts";
import { fixture, sha256 } from "../support/files.ts";
import { type RunningServer, removeDataDir, startServer } from "../support/server.ts";

const fixtures = new URL("../fixtures/", import.meta.url);

describe.skipIf(needsChromium.skip)("the profile in a real browser", () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (server) removeDataDir(server);
  });

  const signedIn = async (username: string) => {
    const person = await signUpOver(server.url, username);
    const context = await browser.newContext();
    const [name, value] = person.cookie.split("=") as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
    const page = await context.newPage();
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    return { context, page, violations };
  };

  it("uploads an avatar from the settings form; the profile shows it, another person sees it", async () => {
    const { context, page, violations } = await signedIn("alice");
    await page.goto(`${server.url}/settings`);
    expect(await page.locator("h2").first().textContent()).toBe("Profile");
    await page.fill("#display-name", "Alice Liddell");
    await page.fill("#bio", "Curious.\nVery curious.");
    await page.setInputFiles("#avatar", new URL("tiny.webp", fixtures).pathname);
    await Promise.all([page.waitForURL(`${server.url}/settings`), page.click("text=Save profile")]);
    expect(await page.locator("[role=status]").textContent()).toContain("Your profile is saved.");
    const name = `${sha256(fixture("tiny.webp"))}.webp`;
    expect(await page.locator(".profile-form img.avatar").getAttribute("src")).toBe(`/files/${name}`);

    const { page: bobsPage, context: bobs } = await signedIn("bob");
    await bobsPage.goto(`${server.url}/u/alice`);
    expect(await bobsPage.locator("h1").textContent()).toBe("Alice Liddell");
    const avatar = bobsPage.locator(".profile-header img.avatar");
    // Decoded by the browser: a real image from /files, drawn at the large size.
    await expect.poll(() => avatar.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(3);
    expect(await avatar.evaluate((img) => img.getBoundingClientRect().width)).toBe(128);
    // The bio keeps its line break on screen (innerText follows the CSS: pre-line shows it).
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point
    expect(await bobsPage.locator(".bio").innerText()).toBe("Curious.\nVery curious.");
    expect(violations).toEqual([]);
    await bobs.close();
    await context.close();
  });

  it("refuses an HTML file renamed .png with a message on the form, keeping what was typed", async () => {
    const { context, page } = await signedIn("mallory");
    await page.goto(`${server.url}/settings`);
    await page.fill("#display-name", "Mallory");
    await page.setInputFiles("#avatar", {
      name: "cat.png",
      mimeType: "image/png",
      buffer: Buffer.from("<!DOCTYPE html><script>alert(1)</script>"),
    });
    await page.click("text=Save profile");
    await expect
      .poll(() => page.locator("[role=alert]").textContent())
      .toBe("That file is not a PNG, JPEG, WebP or GIF image.");
    expect(await page.inputValue("#display-name")).toBe("Mallory");
    expect(await page.locator(".profile-form span.avatar").textContent()).toBe("M");
    await context.close();
  });

  it("says a picture over 2 MB is too large as soon as it is picked, beside the field, and sends nothing", async () => {
    const { context, page } = await signedIn("walter");
    await page.goto(`${server.url}/settings`);
    const posts: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST") posts.push(request.url());
    });
    await page.fill("#display-name", "Walter");
    await page.fill("#bio", "Takes big photos.");
    const photo = Buffer.alloc(2.5 * 1024 * 1024);
    fixture("tiny.webp").forEach((byte, i) => {
      photo[i] = byte;
    });
    await page.setInputFiles("#avatar", { name: "holiday.webp", mimeType: "image/webp", buffer: photo });
    await expect
      .poll(() => page.locator("#avatar-error").textContent())
      .toBe("That picture is too large: at most 2 MB.");
    // The file is let go, so saving keeps the name and bio and the current avatar; nothing was sent meanwhile.
    expect(await page.locator("#avatar").evaluate((input: HTMLInputElement) => input.files?.length)).toBe(0);
    expect(await page.inputValue("#display-name")).toBe("Walter");
    expect(posts).toEqual([]);
    // A picture that fits clears the reason.
    await page.setInputFiles("#avatar", new URL("tiny.webp", fixtures).pathname);
    await expect.poll(() => page.locator("#avatar-error").textContent()).toBe("");
    await context.close();
  });
});
