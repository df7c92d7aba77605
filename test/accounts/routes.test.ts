import { describe, expect, it } from "vitest";
import { type Passwords, scryptPasswordsAt } from "../../src/accounts/passwords.ts";
import { openTestDatabase } from "../support/database.ts";
import { fragment } from "../support/html.ts";
import { browser, createTestApp, signUp } from "../support/test-app.ts";

const alert = async (response: Response) =>
  fragment(await response.text()).querySelector('[role="alert"]')?.textContent;

describe("signing up", () => {
  it("creates the account, starts a session and goes home", async () => {
    const { app } = await createTestApp();
    const alice = browser(app);
    const response = await alice.postForm("/signup", { username: "Alice", password: "correct horse battery" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/");
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/parley_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const home = await (await alice.get("/")).text();
    expect(home).toContain('href="/u/alice"');
  });

  it("states the rules on the form", async () => {
    const { app } = await createTestApp();
    const page = fragment(await (await browser(app).get("/signup")).text());
    expect(page.querySelector("#username-rules")?.textContent).toMatch(/3–32 characters/);
    expect(page.querySelector("#password-rules")?.textContent).toMatch(/8–128 characters/);
  });

  it("refuses a taken username, whatever its case, keeping what was typed", async () => {
    const { app } = await createTestApp();
    await signUp(browser(app), "alice");
    const response = await browser(app).postForm("/signup", { username: "ALICE", password: "another good secret" });
    expect(response.status).toBe(409);
    expect(await alert(response.clone())).toBe("That username is taken.");
    expect(
      fragment(await response.text())
        .querySelector("#username")
        ?.getAttribute("value"),
    ).toBe("ALICE");
  });

  it("refuses bad usernames and weak passwords with a reason", async () => {
    const { app } = await createTestApp();
    const cases = [
      [{ username: "al", password: "long enough secret" }, "Usernames are at least 3 characters."],
      [{ username: "al ice", password: "long enough secret" }, "Usernames use only letters a–z, digits, _ and -."],
      [{ username: "alice", password: "short" }, "Passwords are at least 8 characters."],
      [{ username: "alice", password: "Password1" }, "That password is too common: pick another."],
      [{ username: "alice", password: "x".repeat(129) }, "Passwords are at most 128 characters."],
    ] as const;
    for (const [fields, message] of cases) {
      const response = await browser(app).postForm("/signup", fields);
      expect(response.status).toBe(422);
      expect(await alert(response)).toBe(message);
    }
  });

  it("refuses a form posted from another site (CSRF)", async () => {
    const { app } = await createTestApp();
    const response = await browser(app).postForm(
      "/signup",
      { username: "alice", password: "long enough secret" },
      { origin: "https://evil.example" },
    );
    expect(response.status).toBe(403);
  });
});

describe("logging in and out", () => {
  it("logs in with the right password and rotates the session", async () => {
    const { app } = await createTestApp();
    const alice = await signUp(browser(app), "alice", "correct horse battery");
    const before = alice.jar.get("parley_session");
    const response = await alice.postForm("/login", { username: "Alice", password: "correct horse battery" });
    expect(response.status).toBe(303);
    const after = alice.jar.get("parley_session");
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    // The old token no longer signs anyone in.
    const stale = browser(app);
    stale.jar.set("parley_session", before as string);
    expect((await stale.get("/settings")).status).toBe(303);
  });

  it("says so when the password is wrong or the user unknown, and sets no cookie", async () => {
    const { app } = await createTestApp();
    await signUp(browser(app), "alice", "correct horse battery");
    for (const fields of [
      { username: "alice", password: "wrong horse battery" },
      { username: "nobody", password: "correct horse battery" },
    ]) {
      const visitor = browser(app);
      const response = await visitor.postForm("/login", fields);
      expect(response.status).toBe(401);
      expect(await alert(response)).toBe("Wrong username or password.");
      expect(visitor.jar.size).toBe(0);
    }
  });

  it("checks an unknown name against a real hash, made at the first log-in whoever it is, not at start", async () => {
    const seen: { hashed: string[]; checkedAgainst: string[] } = { hashed: [], checkedAgainst: [] };
    const real = scryptPasswordsAt(1024);
    const passwords: Passwords = {
      hash: async (password) => {
        seen.hashed.push(password);
        return real.hash(password);
      },
      verify: async (password, hash) => {
        seen.checkedAgainst.push(hash);
        return real.verify(password, hash);
      },
    };
    const { app } = await createTestApp({ passwords });
    expect(seen.hashed).toEqual([]);
    await signUp(browser(app), "alice", "correct horse battery");
    expect(seen.hashed).toEqual(["correct horse battery"]);
    const known = await browser(app).postForm("/login", { username: "alice", password: "correct horse battery" });
    expect(known.status).toBe(303);
    // The first log-in, of a name that exists, made the decoy all the same: the next unknown name costs no more.
    expect(seen.hashed).toEqual(["correct horse battery", "decoy password for unknown users"]);
    const unknown = await browser(app).postForm("/login", { username: "nobody", password: "correct horse battery" });
    expect(unknown.status).toBe(401);
    expect(seen.hashed).toHaveLength(2);
    const [, againstDecoy] = seen.checkedAgainst;
    expect(againstDecoy).toMatch(/^\$scrypt\$/);
    expect(await real.verify("decoy password for unknown users", againstDecoy ?? "")).toBe(true);
  });

  it("returns to the page that asked for a login, but never to another site", async () => {
    const { app } = await createTestApp();
    await signUp(browser(app), "alice", "correct horse battery");
    const back = await browser(app).postForm("/login", {
      username: "alice",
      password: "correct horse battery",
      next: "/rooms/general",
    });
    expect(back.headers.get("location")).toBe("/rooms/general");
    const away = await browser(app).postForm("/login", {
      username: "alice",
      password: "correct horse battery",
      next: "//evil.example/",
    });
    expect(away.headers.get("location")).toBe("/");
  });

  it("logs out: the session ends on the server too", async () => {
    const { app } = await createTestApp();
    const alice = await signUp(browser(app), "alice");
    const token = alice.jar.get("parley_session") as string;
    expect((await alice.postForm("/logout", {})).status).toBe(303);
    expect(alice.jar.has("parley_session")).toBe(false);
    const replay = browser(app);
    replay.jar.set("parley_session", token);
    expect((await replay.get("/settings")).headers.get("location")).toBe("/login?next=%2Fsettings");
  });

  it("treats an expired session as signed out", async () => {
    let now = new Date("2026-01-01T00:00:00Z");
    const { app } = await createTestApp({ now: () => now });
    const alice = await signUp(browser(app), "alice");
    expect((await alice.get("/settings")).status).toBe(200);
    now = new Date("2026-03-01T00:00:00Z");
    expect((await alice.get("/settings")).status).toBe(303);
  });
});

describe("logging in when something is wrong", () => {
  it("refuses CR, LF or NUL in next before writing anything: no 500, no orphan session", async () => {
    const db = await openTestDatabase();
    const { app } = await createTestApp({ store: db.store });
    await signUp(browser(app), "alice", "correct horse battery");
    const before = db.count("sessions");
    for (const [i, next] of ["/rooms\r\nSet-Cookie: planted=1", "/rooms\nx", "/rooms\u0000"].entries()) {
      const visitor = browser(app);
      const login = await visitor.postForm("/login", { username: "alice", password: "correct horse battery", next });
      expect(login.status, JSON.stringify(next)).toBe(303);
      expect(login.headers.get("location")).toBe("/");
      const signup = await browser(app).postForm("/signup", {
        username: `bob${i}`,
        password: "long enough secret",
        next,
      });
      expect(signup.status, JSON.stringify(next)).toBe(303);
      expect(signup.headers.get("location")).toBe("/");
      expect((await visitor.get("/settings")).status).toBe(200);
    }
    // One session per successful log-in or sign-up, each held by its browser: none orphaned.
    expect(db.count("sessions")).toBe(before + 6);
  });

  it("keeps the old session when the new one cannot be written, and says so", async () => {
    const db = await openTestDatabase();
    const { app } = await createTestApp({ store: db.store });
    const alice = await signUp(browser(app), "alice", "correct horse battery");
    // Session inserts fail, as on a full disk, while deletes would still go through.
    db.sqlite.exec(
      "CREATE TEMP TRIGGER full_disk BEFORE INSERT ON sessions BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END",
    );
    const response = await alice.postForm("/login", { username: "alice", password: "correct horse battery" });
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("30");
    expect(await alert503(response)).toMatch(/cannot save anything just now/);
    expect((await alice.get("/settings")).status).toBe(200);
  });
});

const alert503 = async (response: Response) => fragment(await response.text()).querySelector("main p")?.textContent;
