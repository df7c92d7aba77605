import { describe, expect, it } from "vitest";
import { closeCodes } from "../../src/delivery/close-codes.ts";
import { fragment } from "../support/html.ts";
import { type Browser, browser, createTestApp, origin, signUp } from "../support/test-app.ts";

const password = "correct horse battery";
const cookieOf = (client: Browser) => [...client.jar].map(([k, v]) => `${k}=${v}`).join("; ");
const page = async (response: Response) => fragment(await response.text());
/** The page's error: the alert that says something (the avatar's stays empty, waiting for one). */
const alert = async (response: Response) =>
  [...(await page(response)).querySelectorAll('[role="alert"]')].map((line) => line.textContent).find(Boolean);

const setup = async () => {
  const test = await createTestApp();
  const alice = await signUp(browser(test.app), "alice", password);
  return { ...test, alice };
};

describe("API tokens on the settings page", () => {
  it("are created by a post that redirects, and the new token is shown on the next page only", async () => {
    const { alice, deps } = await setup();
    const created = await alice.postForm("/settings/tokens", { name: "deploy bot" });
    expect(created.status).toBe(303);
    expect(created.headers.get("location")).toBe("/settings");
    const flash = created.headers.getSetCookie().find((c) => c.startsWith("parley_flash=")) ?? "";
    expect(flash).toMatch(/HttpOnly/i);
    expect(flash).toMatch(/SameSite=Strict/i);
    expect(flash).toMatch(/Path=\/settings/i);

    const first = await alice.get("/settings");
    expect(first.headers.get("cache-control")).toBe("no-store");
    const token = (await page(first)).querySelector("code.token")?.textContent ?? "";
    expect(token).toMatch(/^parley_/);

    const reload = await page(await alice.get("/settings"));
    expect(reload.querySelector("code.token")).toBeNull();
    expect(reload.textContent).not.toContain(token);
    expect(await deps.store.apiTokens.listFor(1)).toHaveLength(1);
  });

  it("refuses a nameless token on the form itself, creating nothing", async () => {
    const { alice, deps } = await setup();
    const response = await alice.postForm("/settings/tokens", { name: "  " });
    expect(response.status).toBe(422);
    expect(await alert(response)).toBe("Name the token.");
    expect(await deps.store.apiTokens.listFor(1)).toHaveLength(0);
  });

  it("refuses a token name with invisible or text-direction characters, creating nothing", async () => {
    const { alice, deps } = await setup();
    for (const name of ["deploy\u200bbot", "bot\u202Egpj.exe", "\u2067backup"]) {
      const response = await alice.postForm("/settings/tokens", { name });
      expect(response.status).toBe(422);
      expect(await alert(response)).toBe("A token name cannot hold invisible or text-direction characters.");
    }
    expect(await deps.store.apiTokens.listFor(1)).toHaveLength(0);
  });

  it("are listed one per row, each Revoke button naming its token", async () => {
    const { alice } = await setup();
    await alice.postForm("/settings/tokens", { name: "deploy bot" });
    await alice.postForm("/settings/tokens", { name: "backup" });
    const rows = [...(await page(await alice.get("/settings"))).querySelectorAll(".tokens li")];
    expect(rows.map((row) => row.querySelector(".token-name")?.textContent).sort()).toEqual(["backup", "deploy bot"]);
    for (const row of rows) {
      const name = row.querySelector(".token-name")?.textContent;
      expect(row.querySelector("button")?.getAttribute("aria-label")).toBe(`Revoke token ${name}`);
      expect(row.textContent).toContain("Never used");
    }
  });
});

describe("API tokens and signing out", () => {
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const tokenOf = async (client: Browser, name: string) => {
    await client.postForm("/settings/tokens", { name });
    return (await page(await client.get("/settings"))).querySelector("code.token")?.textContent ?? "";
  };

  it("keep working after a password change and a log-out, and the page says so where it matters", async () => {
    const { app, alice } = await setup();
    await alice.postForm("/rooms", { name: "General" });
    const token = await tokenOf(alice, "deploy bot");
    const tokens = (await page(await alice.get("/settings"))).querySelector('section[aria-labelledby="api-tokens"]');
    expect(tokens?.textContent).toMatch(/keep working after you log out or change your password/);

    expect(
      (
        await alice.postForm("/settings/password", {
          current_password: password,
          new_password: "a brand new secret",
          confirm_password: "a brand new secret",
        })
      ).status,
    ).toBe(303);
    const notice = (await page(await alice.get("/settings"))).querySelector(
      'section[aria-labelledby="password"] [role="status"]',
    );
    expect(notice?.textContent).toMatch(/API tokens still work/);
    expect(notice?.querySelector('a[href="#api-tokens"]')).not.toBeNull();
    await alice.postForm("/logout", {});
    const script = browser(app);
    expect(
      (await script.postJson("/api/rooms/general/messages", { body: "still posting" }, bearer(token))).status,
    ).toBe(201);
  });

  it("are revoked all at once by one button, and programs using them are refused from then on", async () => {
    const { app, alice, deps } = await setup();
    await alice.postForm("/rooms", { name: "General" });
    const bob = await signUp(browser(app), "bob");
    const tokens = [await tokenOf(alice, "deploy bot"), await tokenOf(alice, "backup")];
    const bobs = await tokenOf(bob, "bob's bot");

    const form = (await page(await alice.get("/settings"))).querySelector('form[action="/settings/tokens/revoke-all"]');
    expect(form?.querySelector("button")?.textContent).toBe("Revoke all tokens");
    const revoked = await alice.postForm("/settings/tokens/revoke-all", {});
    expect(revoked.status).toBe(303);
    expect(revoked.headers.get("location")).toBe("/settings");
    const after = await page(await alice.get("/settings"));
    expect(after.querySelector('section[aria-labelledby="api-tokens"] [role="status"]')?.textContent).toMatch(
      /2 tokens are revoked/,
    );
    expect(after.querySelector('form[action="/settings/tokens/revoke-all"]')).toBeNull();
    expect(await deps.store.apiTokens.listFor(1)).toEqual([]);
    const script = browser(app);
    for (const token of tokens) {
      expect((await script.postJson("/api/rooms/general/messages", { body: "hello?" }, bearer(token))).status).toBe(
        401,
      );
    }
    expect((await deps.store.apiTokens.listFor(2)).map((t) => t.name)).toEqual(["bob's bot"]);
    expect(bobs).toMatch(/^parley_/);
  });
});

describe("changing the password", () => {
  const change = (client: Browser, fields: Partial<Record<string, string>> = {}) =>
    client.postForm("/settings/password", {
      current_password: password,
      new_password: "a brand new secret",
      confirm_password: "a brand new secret",
      ...fields,
    } as Record<string, string>);

  it("replaces the password and signs out every other session at once, keeping this one", async () => {
    const test = await setup();
    const { app, alice, sockets } = test;
    await alice.postForm("/rooms", { name: "General" });
    const elsewhere = browser(app);
    expect((await elsewhere.postForm("/login", { username: "alice", password })).status).toBe(303);
    const join = (client: Browser) => sockets.open(app, "/rooms/general/ws", { cookie: cookieOf(client), origin });
    const here = await join(alice);
    const there = await join(elsewhere);

    const response = await change(alice);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/settings");

    expect((await there.whenClosed()).code).toBe(closeCodes.unauthenticated);
    expect((await elsewhere.get("/settings")).status).toBe(303);
    here.send({ body: "still here" });
    await here.frame((f) => f.includes("still here"));
    expect(here.closed).toBeNull();

    const after = await alice.get("/settings");
    expect(after.status).toBe(200);
    const notice = (await page(after)).querySelector('section[aria-labelledby="password"] [role="status"]');
    expect(notice?.textContent).toMatch(/password is changed/);
    expect((await page(await alice.get("/settings"))).querySelector('[role="status"]')).toBeNull();

    expect((await browser(app).postForm("/login", { username: "alice", password })).status).toBe(401);
    const fresh = await browser(app).postForm("/login", { username: "alice", password: "a brand new secret" });
    expect(fresh.status).toBe(303);
  });

  it("refuses a wrong current password, changing nothing", async () => {
    const { app, alice } = await setup();
    const elsewhere = browser(app);
    await elsewhere.postForm("/login", { username: "alice", password });
    const response = await change(alice, { current_password: "not my password" });
    expect(response.status).toBe(422);
    expect(await alert(response)).toBe("That is not your current password.");
    expect((await elsewhere.get("/settings")).status).toBe(200);
    expect((await browser(app).postForm("/login", { username: "alice", password })).status).toBe(303);
  });

  it("holds the new password to the sign-up rules and asks for it twice", async () => {
    const { app, alice } = await setup();
    const cases = [
      [{ new_password: "short", confirm_password: "short" }, "Passwords are at least 8 characters."],
      [{ new_password: "Password1", confirm_password: "Password1" }, "That password is too common: pick another."],
      [{ confirm_password: "a brand new secreT" }, "The new passwords do not match."],
      [{ current_password: "" }, "Enter your current password."],
    ] as const;
    for (const [fields, message] of cases) {
      const response = await change(alice, fields);
      expect(response.status).toBe(422);
      expect(await alert(response)).toBe(message);
    }
    expect((await browser(app).postForm("/login", { username: "alice", password })).status).toBe(303);
  });
});
