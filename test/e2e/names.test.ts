import { describe, expect, it } from "vitest";
import { needsChromium } from "../support/browser.ts";
import { serverAndBrowser } from "../support/browser-server.ts";
import { type Client, signUpOver } from "../support/client.ts";
import { box, openRoomPage } from "./room-page.ts";

/** Saves a display name as the settings page's form does (multipart). */
const nameAs = async (client: Client, displayName: string) => {
  const form = new FormData();
  form.set("display_name", displayName);
  form.set("bio", "");
  expect((await client.call("/settings/profile", { method: "POST", body: form })).status).toBe(303);
};

describe.skipIf(needsChromium.skip)("names and mentions in a real browser", () => {
  const the = serverAndBrowser();

  it("shows one name everywhere, a new one at once, and links only @mentions of people who exist", async () => {
    const alice = await signUpOver(the.server.url, "alice");
    const bob = await signUpOver(the.server.url, "bob");
    await nameAs(bob, "Bob B.");
    const slug = await alice.createRoom("Standup");
    const a = await openRoomPage(the.browser, the.server.url, alice, slug);
    const b = await openRoomPage(the.browser, the.server.url, bob, slug);
    const here = a.page.locator(".present .present-name");
    await expect.poll(() => here.allTextContents()).toEqual(["alice", "Bob B."]);

    await box(b.page).pressSequentially("hi @alice and @nobody", { delay: 10 });
    await a.page.locator(".typing .typist", { hasText: "Bob B. is typing…" }).waitFor();
    await box(b.page).press("Enter");
    const first = a.page.locator("[role=log] .message", { hasText: "hi @alice and @nobody" });
    await first.waitFor();
    expect(await first.locator(".author").textContent()).toBe("Bob B.");
    expect(await first.locator("a").evaluateAll((links) => links.map((a) => a.getAttribute("href")))).toEqual([
      "/u/bob",
      "/u/alice",
    ]);
    expect(await first.getAttribute("class")).toContain("mentions-me");

    // Bob renames himself while both pages stay open.
    await nameAs(bob, "Robert");
    await expect.poll(() => here.allTextContents()).toEqual(["alice", "Robert"]);
    await box(b.page).fill("new name, same me");
    await box(b.page).press("Enter");
    const second = a.page.locator("[role=log] .message", { hasText: "new name, same me" });
    await second.waitFor();
    expect(await second.locator(".author").textContent()).toBe("Robert");

    expect([...a.errors, ...b.errors]).toEqual([]);
    await Promise.all([a.context.close(), b.context.close()]);
  });
});
