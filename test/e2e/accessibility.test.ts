import { createRequire } from "node:module";
import { join } from "node:path";
import Database from "better-sqlite3";
import { HtmlValidate } from "html-validate";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultPassword } from "../../scripts/parley-http.ts";
import { launchChromium, needsChromium } from "../support/browser.ts";
import { type Client, signUpOver } from "../support/client.ts";
import { type RunningServer, removeDataDir, startServer } from "../support/server.ts";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const validator = new HtmlValidate({ extends: ["html-validate:standard"] });

declare global {
  interface Window {
    axe: { run(context?: unknown, options?: unknown): Promise<{ violations: AxeViolation[] }> };
  }
}
type AxeViolation = { id: string; impact: string; help: string; nodes: { target: string[] }[] };

describe.skipIf(needsChromium.skip)("every page, for every user", () => {
  let server: RunningServer;
  let browser: Browser;
  let alice: Client;
  const contexts: BrowserContext[] = [];

  const signedIn = async (client: Client | null, options: { width: number; scheme: "light" | "dark" }) => {
    // Without bypassing the page's CSP the test could not inject axe; the page itself is unchanged.
    const context = await browser.newContext({
      viewport: { width: options.width, height: 800 },
      colorScheme: options.scheme,
      bypassCSP: true,
    });
    contexts.push(context);
    if (client) {
      const [name, value] = client.cookie.split("=") as [string, string];
      await context.addCookies([{ name, value, url: server.url }]);
    }
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    return { page, errors };
  };

  /** Violations of every rule at every impact level, as readable lines. */
  const axeViolations = async (page: Page) => {
    await page.addScriptTag({ path: axePath });
    const { violations } = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
    return violations.map(
      (v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    );
  };

  /** html-validate's standard preset over the document as the browser holds it (scripts included). */
  const htmlProblems = async (page: Page) => {
    const report = await validator.validateString(await page.content());
    return report.results.flatMap((result) =>
      result.messages.map((m) => `${m.ruleId}: ${m.message} (${m.line}:${m.column})`),
    );
  };

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    alice = await signUpOver(server.url, "alice");
    const bob = await signUpOver(server.url, "bob");
    await alice.call("/rooms", {
      method: "POST",
      body: new URLSearchParams({ name: "General", topic: "Everything <and> nothing" }),
    });
    await bob.call("/rooms/general");
    await bob.createRoom("Elsewhere");
    await alice.call("/rooms/elsewhere");
    await alice.call("/rooms/general/settings", {
      method: "POST",
      body: new URLSearchParams({ allowed_origins: "https://docs.example.com", guests: "on" }),
    });
    const bodies = ["Morning!", "**Bold** news: https://example.com and `code`", "```\nlet x = 1;\n```", "Later"];
    for (const [n, body] of bodies.entries()) await (n % 2 ? bob : alice).post("general", body);
    for (let n = 1; n <= 30; n++) await alice.post("general", `in a row ${n}`);
    // The first messages were yesterday's: the page shows a day separator.
    const db = new Database(join(server.dataDir, "parley.db"));
    db.prepare("UPDATE messages SET created_at = created_at - 86400000 WHERE id <= 2").run();
    db.close();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
    if (server) removeDataDir(server);
  });

  const pages: [string, "visitor" | "alice"][] = [
    ["/", "visitor"],
    ["/signup", "visitor"],
    ["/login", "visitor"],
    ["/", "alice"],
    ["/rooms/general", "alice"],
    ["/settings", "alice"],
    ["/rooms/general/settings", "alice"],
    ["/u/bob", "alice"],
    ["/rooms/nowhere", "alice"],
    ["/embed/general", "visitor"],
    ["/embed/general?theme=dark&accent=ffcc00", "visitor"],
  ];
  for (const [path, who] of pages) {
    for (const view of [
      { width: 1280, scheme: "light" },
      { width: 375, scheme: "dark" },
    ] as const) {
      it(`${path} for ${who} at ${view.width} px, ${view.scheme}: one h1, no axe violation, valid HTML`, async () => {
        const { page, errors } = await signedIn(who === "alice" ? alice : null, view);
        await page.goto(`${server.url}${path}`);
        if (/^\/(rooms|embed)\/general$/.test(path)) await page.locator(".message[data-day]").first().waitFor();
        expect(await page.locator("h1").count()).toBe(1);
        expect(await page.locator("main#main").count()).toBe(1);
        expect(await axeViolations(page)).toEqual([]);
        expect(await htmlProblems(page)).toEqual([]);
        // Nothing scrolls sideways, even at 375 px.
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        expect(errors).toEqual([]);
      });
    }
  }

  it("lets a keyboard alone sign up, create a room and send a message", async () => {
    const { page, errors } = await signedIn(null, { width: 1280, scheme: "light" });
    await page.goto(`${server.url}/signup`);
    const focused = () =>
      page.evaluate(() => document.activeElement?.getAttribute("name") ?? document.activeElement?.textContent?.trim());
    /** Tabs until `target` has focus, as a person would, counting the presses. */
    const tabTo = async (target: string, limit = 25) => {
      for (let presses = 1; presses <= limit; presses++) {
        await page.keyboard.press("Tab");
        if ((await focused()) === target) return presses;
      }
      throw new Error(`${target} never took focus`);
    };
    expect(await tabTo("Skip to content")).toBe(1);
    await tabTo("username");
    await page.keyboard.type("keyboarder");
    await tabTo("password");
    await page.keyboard.type(defaultPassword);
    await Promise.all([page.waitForURL(`${server.url}/`), page.keyboard.press("Enter")]);

    await tabTo("name", 40);
    await page.keyboard.type("Keys only");
    await Promise.all([page.waitForURL(/\/rooms\/keys-only$/), page.keyboard.press("Enter")]);
    // The composer has focus on arrival: type and press Enter.
    expect(await focused()).toBe("body");
    await page.locator(".connection[data-state='connected']").waitFor({ state: "attached" });
    await page.keyboard.type("Sent without a mouse");
    await page.keyboard.press("Enter");
    await page.locator("[role=log] .message .body", { hasText: "Sent without a mouse" }).waitFor();
    expect(errors).toEqual([]);
  });

  it("takes at most one tab stop per message: a run of one author's messages takes one", async () => {
    const { page } = await signedIn(alice, { width: 1280, scheme: "light" });
    await page.goto(`${server.url}/rooms/general`);
    await page.locator(".message.continued").first().waitFor();
    const stops = await page
      .locator(".timeline")
      .evaluate(
        (timeline) =>
          [...timeline.querySelectorAll<HTMLElement>("a[href], button, [tabindex]")].filter(
            (el) => el.tabIndex >= 0 && el.checkVisibility(),
          ).length,
      );
    const messages = await page.locator(".timeline .message").count();
    const groups = await page.locator(".timeline .message:not(.continued)").count();
    const links = await page.locator(".timeline .message .body a").count();
    expect(messages).toBe(34);
    // Names of group starts, links people posted, and nothing else in the list.
    expect(stops).toBe(groups + links);
    expect(groups).toBeLessThan(10);
  });

  it("folds the room list away on phones behind the header's button, and shows it beside the room on desktops", async () => {
    const { page } = await signedIn(alice, { width: 375, scheme: "light" });
    await page.goto(`${server.url}/rooms/general`);
    const sidebar = page.locator(".sidebar");
    expect(await sidebar.isVisible()).toBe(false);
    await page.getByRole("button", { name: "Your rooms" }).click();
    expect(await sidebar.isVisible()).toBe(true);
    expect(await sidebar.locator("a[aria-current=page]").textContent()).toContain("General");
    await page.getByRole("button", { name: "Close the room list" }).click();
    expect(await sidebar.isVisible()).toBe(false);
    await page.getByRole("button", { name: "Your rooms" }).click();
    await Promise.all([
      page.waitForURL(/\/rooms\/elsewhere$/),
      sidebar.getByRole("link", { name: /Elsewhere/ }).click(),
    ]);

    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await page.locator(".sidebar").isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "Your rooms" }).isVisible()).toBe(false);
  });

  it("skips to the content from the first tab stop", async () => {
    const { page } = await signedIn(alice, { width: 1280, scheme: "light" });
    await page.goto(`${server.url}/settings`);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe("Skip to content");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest("main")))).toBe(true);
  });
});
