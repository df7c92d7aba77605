import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, needsChromium } from "../support/browser.ts";
import { signUpOver } from "../support/client.ts";
import { type RunningServer, removeDataDir, startServer } from "../support/server.ts";
import { box, openRoomPage } from "./room-page.ts";

const artifacts = join(import.meta.dirname, "..", "artifacts");

describe.skipIf(needsChromium.skip)("a live room in a real browser", () => {
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

  it("shows alice bob arriving, typing, sending and leaving", async () => {
    const alice = await signUpOver(server.url, "alice");
    const bob = await signUpOver(server.url, "bob");
    const slug = await alice.createRoom("Standup");
    const a = await openRoomPage(browser, server.url, alice, slug);
    const here = (names: string[]) => expect.poll(() => a.page.locator(".present li").allTextContents()).toEqual(names);
    await here(["alice"]);

    const b = await openRoomPage(browser, server.url, bob, slug);
    await here(["alice", "bob"]);
    expect(await a.page.locator(".room-header .here").textContent()).toBe("2 here");
    expect(await a.page.locator(".room-meta [id^=members-room]").textContent()).toBe("2 members");

    await box(b.page).pressSequentially("morning all", { delay: 20 });
    const typist = a.page.locator(".typing .typist");
    await typist.waitFor();
    expect(await typist.textContent()).toBe("bob is typing…");
    expect(await b.page.locator(".typing .typist").count()).toBe(0);
    mkdirSync(artifacts, { recursive: true });
    await a.page.screenshot({ path: join(artifacts, "live-room.png") });

    await box(b.page).pressSequentially(", hi @alice");
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
