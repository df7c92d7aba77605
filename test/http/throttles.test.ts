import { describe, expect, it } from "vitest";
import type { Passwords } from "../../src/accounts/passwords.ts";
import { loadConfig } from "../../src/config.ts";
import { limits } from "../../src/http/throttles.ts";
import { fragment } from "../support/html.ts";
import { type Browser, browser, createTestApp, signUp } from "../support/test-app.ts";

// Hashing is beside the point here: a quick stand-in keeps dozens of log-ins fast.
const quickPasswords: Passwords = {
  hash: async (password) => `plain:${password}`,
  verify: async (password, hash) => hash === `plain:${password}`,
};

/** Rate limits on, behind one proxy, so each test can speak from several addresses. */
const setup = async (env: Record<string, string> = { RATE_LIMIT: "on", TRUST_PROXY: "1" }) => {
  const test = await createTestApp({ config: loadConfig(env), passwords: quickPasswords });
  const from = (ip: string) => ({ "x-forwarded-for": ip });
  return { ...test, from };
};

const expectSlowDown = async (response: Response) => {
  expect(response.status).toBe(429);
  expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
  const page = fragment(await response.text());
  expect(page.querySelector("h1")?.textContent).toBe("Slow down");
  expect(page.querySelector("main p")?.textContent).toMatch(
    /^Too many attempts: try again in \d+ (second|minute)s?\.$/,
  );
};

const logIn = (client: Browser, username: string, password: string, ip: string) =>
  client.postForm("/login", { username, password }, { "x-forwarded-for": ip });

describe("log-in throttles", () => {
  it("hold one account's password guesses, from any number of addresses, right password included", async () => {
    const { app } = await setup();
    await signUp(browser(app), "alice", "correct horse battery");
    for (let i = 0; i < limits.login.account.burst; i++) {
      expect((await logIn(browser(app), "alice", `guess number ${i}`, `198.51.100.${i}`)).status).toBe(401);
    }
    await expectSlowDown(await logIn(browser(app), "Alice", "correct horse battery", "203.0.113.9"));
    // Someone else's account is not held by alice's.
    await signUp(browser(app), "bob", "another good secret");
    expect((await logIn(browser(app), "bob", "another good secret", "203.0.113.9")).status).toBe(303);
  });

  it("hold one address trying many accounts", async () => {
    const { app } = await setup();
    for (let i = 0; i < limits.login.ip.burst; i++) {
      expect((await logIn(browser(app), `nobody${i}`, "some password", "198.51.100.1")).status).toBe(401);
    }
    await expectSlowDown(await logIn(browser(app), "nobody", "some password", "198.51.100.1"));
    expect((await logIn(browser(app), "nobody", "some password", "198.51.100.2")).status).toBe(401);
  });
});

describe("sign-up throttles", () => {
  it("hold one address making accounts, whatever the outcome of each", async () => {
    const { app, from } = await setup();
    for (let i = 0; i < limits.signup.ip.burst; i++) {
      const response = await browser(app).postForm(
        "/signup",
        { username: `u${i}`, password: "short" },
        from("198.51.100.1"),
      );
      expect(response.status).toBe(422);
    }
    const held = await browser(app).postForm(
      "/signup",
      { username: "newcomer", password: "long enough secret" },
      from("198.51.100.1"),
    );
    await expectSlowDown(held);
    const elsewhere = await browser(app).postForm(
      "/signup",
      { username: "newcomer", password: "long enough secret" },
      from("198.51.100.2"),
    );
    expect(elsewhere.status).toBe(303);
  });

  it("cannot be dodged by writing X-Forwarded-For when no proxy is configured", async () => {
    const { app, from } = await setup({ RATE_LIMIT: "on" });
    for (let i = 0; i < limits.signup.ip.burst; i++) {
      await browser(app).postForm("/signup", { username: `u${i}`, password: "short" }, from(`198.51.100.${i}`));
    }
    await expectSlowDown(await browser(app).postForm("/signup", { username: "x", password: "y" }, from("203.0.113.1")));
  });
});

describe("room and token throttles", () => {
  it("hold one account creating rooms", async () => {
    const { app, from } = await setup();
    const alice = await signUp(browser(app), "alice");
    for (let i = 0; i < limits.createRoom.account.burst; i++) {
      expect((await alice.postForm("/rooms", { name: `Room ${i}` }, from(`198.51.100.${i}`))).status).toBe(303);
    }
    await expectSlowDown(await alice.postForm("/rooms", { name: "One more" }, from("203.0.113.1")));
    const bob = await signUp(browser(app), "bob");
    expect((await bob.postForm("/rooms", { name: "Bob's" }, from("203.0.113.1"))).status).toBe(303);
  });

  it("hold one account creating API tokens", async () => {
    const { app, from } = await setup();
    const alice = await signUp(browser(app), "alice");
    for (let i = 0; i < limits.createToken.account.burst; i++) {
      expect((await alice.postForm("/settings/tokens", { name: `bot ${i}` }, from("198.51.100.1"))).status).toBe(303);
    }
    await expectSlowDown(await alice.postForm("/settings/tokens", { name: "one more" }, from("198.51.100.1")));
  });

  it("hold one account's password guesses through the settings form as at log-in, from any address", async () => {
    const { app, from } = await setup();
    const alice = await signUp(browser(app), "alice", "correct horse battery");
    const change = (current: string, ip: string) =>
      alice.postForm(
        "/settings/password",
        { current_password: current, new_password: "a brand new secret", confirm_password: "a brand new secret" },
        from(ip),
      );
    expect(limits.changePassword.account).toEqual(limits.login.account);
    for (let i = 0; i < limits.changePassword.account.burst; i++) {
      expect((await change(`guess number ${i}`, `198.51.100.${i}`)).status).toBe(422);
    }
    await expectSlowDown(await change("correct horse battery", "203.0.113.9"));
  });
});

describe("RATE_LIMIT=off", () => {
  it("lifts every throttle, for benchmarks and load tests", async () => {
    const { app } = await setup({ RATE_LIMIT: "off" });
    const alice = await signUp(browser(app), "alice", "correct horse battery");
    for (let i = 0; i < 3 * limits.signup.ip.burst; i++) {
      expect((await browser(app).postForm("/signup", { username: `u${i}`, password: "short" })).status).toBe(422);
    }
    for (let i = 0; i < 3 * limits.createRoom.account.burst; i++) {
      expect((await alice.postForm("/rooms", { name: `Room ${i}` })).status).toBe(303);
    }
  });
});
