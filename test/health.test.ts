import { describe, expect, it } from "vitest";
import { openTestDatabase } from "./support/database.ts";
import { diskFullWrite, images, tempFilesFolder } from "./support/files.ts";
import { postProfile } from "./support/profile-form.ts";
import { browser, createTestApp, signUp } from "./support/test-app.ts";

describe("a database that cannot write (full disk, read-only file)", () => {
  it("makes /healthz say so with a 503, and recover when writes work again", async () => {
    const db = await openTestDatabase();
    const { app } = await createTestApp({ store: db.store });
    const health = async () => {
      const response = await app.request("/healthz");
      return { code: response.status, ...(await response.json()) };
    };
    expect(await health()).toMatchObject({ code: 200, status: "ok", db: "up" });
    db.refuseWrites();
    expect(await health()).toMatchObject({ code: 503, status: "degraded", db: "read-only" });
    db.refuseWrites(false);
    expect(await health()).toMatchObject({ code: 200, status: "ok", db: "up" });
  });

  it("answers the sender with a clear 503 to try again, and stores nothing", async () => {
    const db = await openTestDatabase();
    const { app } = await createTestApp({ store: db.store });
    const alice = await signUp(browser(app), "alice");
    await alice.postForm("/rooms", { name: "General" });
    db.refuseWrites();

    const api = await alice.postJson("/api/rooms/general/messages", { body: "hello" });
    expect(api.status).toBe(503);
    expect(api.headers.get("retry-after")).toBe("30");
    expect(await api.json()).toEqual({ error: "The server cannot save anything just now: try again in a minute." });
    const form = await alice.postForm("/rooms", { name: "Another" });
    expect(form.status).toBe(503);
    expect(await form.text()).toContain("Try again shortly");
    // Reads still work, and nothing half-written appeared.
    expect((await alice.get("/")).status).toBe(200);
    expect((await alice.get("/api/rooms/general/messages")).status).toBe(200);
    expect(db.count("messages")).toBe(0);
    expect(db.count("rooms")).toBe(1);
  });
});

describe("a Redis that refuses presence or the limits their commands (an ACL)", () => {
  it("makes /healthz degraded, naming the part and Redis's answer, and ok once it works", async () => {
    let refused = ["presence: NOPERM this user has no permissions to run the 'multi' command"];
    const { app } = await createTestApp({ redisFaults: { refused: () => refused } });
    const health = async () => {
      const response = await app.request("/healthz");
      return { code: response.status, ...(await response.json()) };
    };
    expect(await health()).toMatchObject({ code: 200, status: "degraded", db: "up", bus: "up", refused });
    refused = [];
    const ok = await health();
    expect(ok).toMatchObject({ code: 200, status: "ok", db: "up", bus: "up" });
    expect(ok.refused).toBeUndefined();
  });
});

describe("a write that fails for want of storage", () => {
  const folder = tempFilesFolder(diskFullWrite);

  /** An app whose clock the test moves, and its /healthz. */
  const setup = async (overrides: Parameters<typeof createTestApp>[0] = {}) => {
    let at = Date.parse("2026-12-04T12:00:00Z");
    const test = await createTestApp({ now: () => new Date(at), ...overrides });
    const health = async () => {
      const response = await test.app.request("/healthz");
      return { code: response.status, ...(await response.json()) };
    };
    return { ...test, health, advance: (ms: number) => (at += ms) };
  };

  it("makes /healthz fail at once, though its own small probe still fits, until writes are quiet for 30 s", async () => {
    const db = await openTestDatabase();
    const { app, health, advance } = await setup({ store: db.store });
    const alice = await signUp(browser(app), "alice");
    await alice.postForm("/rooms", { name: "General" });
    expect(await health()).toMatchObject({ code: 200, db: "up" });

    // The file may not grow: a message needs a new page and fails with SQLITE_FULL, while the
    // probe rewrites its one row in a page that is already there, as on a disk just filled.
    const pages = db.sqlite.pragma("page_count", { simple: true }) as number;
    db.sqlite.pragma(`max_page_count = ${pages}`);
    const statuses: number[] = [];
    while (statuses.at(-1) !== 503 && statuses.length < 20) {
      statuses.push((await alice.postJson("/api/rooms/general/messages", { body: "x".repeat(4000) })).status);
    }
    // A 503 that says to try again, not a bare 500: SQLite rolled the group's transaction back.
    expect(statuses.at(-1)).toBe(503);
    expect(statuses).not.toContain(500);
    expect(await health()).toMatchObject({ code: 503, status: "degraded", db: "read-only" });

    db.sqlite.pragma(`max_page_count = ${pages * 100}`);
    advance(29_000);
    expect(await health()).toMatchObject({ code: 503, db: "read-only" });
    advance(1_000);
    expect(await health()).toMatchObject({ code: 200, status: "ok", db: "up" });
  });

  it("makes /healthz say the files' disk is full at once when an upload finds it so", async () => {
    const { app, health, advance } = await setup({ files: folder.files });
    const alice = await signUp(browser(app), "alice");
    expect(await health()).toMatchObject({ code: 200, files: "up" });
    const refused = await postProfile(alice, { display_name: "Alice" }, { bytes: images.png.bytes, name: "a.png" });
    expect(refused.status).toBe(507);
    // Text still goes through: degraded, not out of the load balancer's rotation.
    expect(await health()).toMatchObject({ code: 200, status: "degraded", db: "up", files: "full" });
    advance(30_000);
    expect(await health()).toMatchObject({ code: 200, status: "ok", files: "up" });
  });
});
