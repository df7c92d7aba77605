import { createRequire } from "node:module";
import { join } from "node:path";
import Database from "better-sqlite3";
import { HtmlValidate } from "html-validate";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, it } from "vitest";
import { launchChromium } from "./browser.ts";
import { type Client, numbered, signUpOver } from "./client.ts";
import { type RunningServer, removeDataDir, startServer } from "./server.ts";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const validator = new HtmlValidate({ extends: ["html-validate:standard"] });

declare global {
  interface Window {
    axe: { run(context?: unknown, options?: unknown): Promise<{ violations: AxeViolation[] }> };
  }
}
type AxeViolation = { id: string; impact: string; help: string; nodes: { target: string[] }[] };

/** Violations of every rule at every impact level, as readable lines (the page's CSP bypassed). */
export const axeViolations = async (page: Page) => {
  await page.addScriptTag({ path: axePath });
  // Every rule, and the enhanced contrast too (7:1 for text, 4.5:1 for large text): AAA, which
  // axe leaves off by default.
  const { violations } = await page.evaluate(() =>
    window.axe.run(document, {
      resultTypes: ["violations"],
      rules: { "color-contrast-enhanced": { enabled: true } },
    }),
  );
  return violations.map(
    (v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
};

/** html-validate's standard preset over the document as the browser holds it (scripts included). */
export const htmlProblems = async (page: Page) => {
  const report = await validator.validateString(await page.content());
  return report.results.flatMap((result) =>
    result.messages.map((m) => `${m.ruleId}: ${m.message} (${m.line}:${m.column})`),
  );
};

/**
 * A server with alice, bob, two rooms, an embeddable room and a day of history, and a browser,
 * for the length of a describe block: the accessibility suites audit its pages (split over
 * files so they run side by side). Fields are filled in by beforeAll.
 */
export function auditedSite() {
  const site = {} as {
    server: RunningServer;
    alice: Client;
    signedIn: (
      client: Client | null,
      options: { width: number; scheme: "light" | "dark" },
    ) => Promise<{ page: Page; errors: string[] }>;
  };
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

  beforeAll(async () => {
    server = await startServer();
    site.server = server;
    browser = await launchChromium();
    alice = await signUpOver(server.url, "alice");
    site.alice = alice;
    const bob = await signUpOver(server.url, "bob");
    await alice.call("/rooms", {
      method: "POST",
      body: new URLSearchParams({ name: "General", topic: "Everything <and> nothing" }),
    });
    await bob.call("/rooms/general/join", { method: "POST" });
    await bob.createRoom("Elsewhere");
    await alice.call("/rooms/elsewhere/join", { method: "POST" });
    await alice.call("/rooms/general/settings", {
      method: "POST",
      body: new URLSearchParams({ allowed_origins: "https://docs.example.com", guests: "on" }),
    });
    // A row that mentions the reader (alice), and a code block too wide for the column, which
    // scrolls: axe wants a keyboard able to scroll it.
    const wide = `const greeting = ${JSON.stringify("hello, ".repeat(24))};`;
    const bodies: [Client, string][] = [
      [alice, "Morning!"],
      [bob, "**Bold** news: https://example.com and `code`"],
      [alice, "```\nlet x = 1;\n```"],
      [bob, "Later"],
      [bob, "@alice could you read this over?"],
      [bob, `\`\`\`\n${wide}\n\`\`\``],
    ];
    for (const [person, body] of bodies) await person.post("general", body);
    await alice.postMany("general", numbered("in a row", 30));
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

  site.signedIn = signedIn;

  /**
   * Pages already open, per person and view, that audits take turns on: a new page costs Chromium
   * about 0.4 s of CPU (a tab and a renderer process), about what the audit on it costs, where
   * going to the next address on an open page costs a twentieth of that.
   */
  const idle = new Map<string, Page[]>();
  const borrow = async (who: "visitor" | "alice", view: { width: number; scheme: "light" | "dark" }) => {
    const key = `${who} ${view.width} ${view.scheme}`;
    const page = idle.get(key)?.pop() ?? (await signedIn(who === "alice" ? alice : null, view)).page;
    const errors: string[] = [];
    const onError = (error: Error) => errors.push(error.message);
    page.on("pageerror", onError);
    const giveBack = async () => {
      page.off("pageerror", onError);
      idle.set(key, [...(idle.get(key) ?? []), page]);
    };
    return { page, errors, giveBack };
  };

  /** Audits `path` as `who` at desktop and phone widths: one h1, no axe violation, valid HTML, no sideways scroll. */
  const audit = (path: string, who: "visitor" | "alice") => {
    for (const view of [
      { width: 1280, scheme: "light" },
      { width: 375, scheme: "dark" },
    ] as const) {
      // Side by side, each on a page of its own: an audit only reads, and mostly waits on the page.
      it.concurrent(`${path} for ${who} at ${view.width} px, ${view.scheme}: one h1, no axe violation, valid HTML`, async ({
        expect,
      }) => {
        const { page, errors, giveBack } = await borrow(who, view);
        await page.goto(`${server.url}${path}`);
        if (/^\/(rooms|embed)\/general$/.test(path)) await page.locator(".message[data-day]").first().waitFor();
        expect(await page.locator("h1").count()).toBe(1);
        expect(await page.locator("main#main").count()).toBe(1);
        expect(await axeViolations(page)).toEqual([]);
        expect(await htmlProblems(page)).toEqual([]);
        // Nothing scrolls sideways, even at 375 px.
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        expect(errors).toEqual([]);
        await giveBack();
      });
    }
  };
  return { site, audit };
}
