import { describe, expect, it } from "vitest";
import { openTestDatabase } from "./support/database.ts";
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
