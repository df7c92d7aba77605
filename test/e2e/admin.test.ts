import { describe, expect, it } from "vitest";
import { defaultPassword } from "../../scripts/parley-http.ts";
import { needsChromium } from "../support/browser.ts";
import { serverAndBrowser } from "../support/browser-server.ts";
import { signUpOver } from "../support/client.ts";
import { openRoomPage } from "./room-page.ts";

/**
 * The first account administers: from the header's Admin link it finds a person and deactivates
 * them, and the person's open room says at once that they are signed out; then they are refused
 * at log-in with the reason.
 */
describe.skipIf(needsChromium.skip)("administration in a real browser", () => {
  const the = serverAndBrowser();

  it("deactivates a person from /admin, ending their open room at once", async () => {
    const ada = await signUpOver(the.server.url, "ada");
    const bob = await signUpOver(the.server.url, "bob");
    const slug = await ada.createRoom("General");
    const bobs = await openRoomPage(the.browser, the.server.url, bob, slug);
    const room = bobs.page;

    const adas = await the.browser.newContext();
    const [name, value] = ada.cookie.split("=") as [string, string];
    await adas.addCookies([{ name, value, url: the.server.url }]);
    const admin = await adas.newPage();
    await admin.goto(`${the.server.url}/`);
    await admin.getByRole("link", { name: "Admin" }).click();
    await admin.getByRole("heading", { name: "Administration" }).waitFor();
    expect(await admin.getByRole("button", { name: "Deactivate ada" }).count()).toBe(0);
    await admin.getByRole("button", { name: "Deactivate bob" }).click();
    await admin.getByRole("status").filter({ hasText: "bob is deactivated" }).waitFor();
    await admin.getByRole("button", { name: "Reactivate bob" }).waitFor();

    await room.getByText("Signed out: log in again to keep chatting.").waitFor();
    await room.getByRole("link", { name: "Log in" }).click();
    await room.fill("#username", "bob");
    await room.fill("#password", defaultPassword);
    await room.locator('form[action="/login"] button[type="submit"]').click();
    await room.getByRole("alert").filter({ hasText: "This account is deactivated." }).waitFor();

    expect((await (await bobs.context.newPage()).goto(`${the.server.url}/admin`))?.status()).toBe(404);
    expect(bobs.errors).toEqual([]);
    await Promise.all([bobs.context.close(), adas.close()]);
  });
});
