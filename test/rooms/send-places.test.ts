import { describe, expect, it } from "vitest";
import { createSendPlaces, type SendPlaces } from "../../src/rooms/send-places.ts";
import { roomInProcess } from "../support/test-app.ts";

describe("places for sends in flight", () => {
  it("gives out places up to its bound, then says how long those in flight take to finish", () => {
    let t = 0;
    const places = createSendPlaces({ maxInFlight: 3, minRetryMs: 100, maxRetryMs: 5_000 }, () => t);
    expect([1, 2, 3].map(() => places.enter().ok)).toEqual([true, true, true]);
    // Three finish in 300 ms: one per 100 ms.
    for (let i = 0; i < 3; i++) {
      t += 100;
      places.leave();
    }
    expect([1, 2, 3].map(() => places.enter().ok)).toEqual([true, true, true]);
    const refused = places.enter();
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.retryAfterMs).toBeGreaterThanOrEqual(100);
    if (!refused.ok) expect(refused.retryAfterMs).toBeLessThanOrEqual(5_000);
    places.leave();
    expect(places.enter().ok).toBe(true);
  });

  it("keeps its retry times within bounds when nothing finishes", () => {
    let t = 0;
    const places = createSendPlaces({ maxInFlight: 1, minRetryMs: 100, maxRetryMs: 5_000 }, () => t);
    places.enter();
    t += 60_000;
    expect(places.enter()).toEqual({ ok: false, retryAfterMs: expect.any(Number) });
    const refused = places.enter();
    if (!refused.ok) expect(refused.retryAfterMs).toBeLessThanOrEqual(5_000);
  });
});

describe("a busy instance", () => {
  it("holds socket sends and answers the API with 429, storing nothing; the same send goes through later, once", async () => {
    // The instance's places, full or not as the test says (the counting itself is tested above).
    let busy = true;
    const sendPlaces: SendPlaces = {
      enter: () => (busy ? { ok: false, retryAfterMs: 700 } : { ok: true }),
      leave: () => {},
    };
    const { alice, join } = await roomInProcess(undefined, { sendPlaces });
    const socket = await join(alice, "?after=0");

    const api = await alice.postJson("/api/rooms/general/messages", { body: "via the API" });
    expect(api.status).toBe(429);
    expect(api.headers.get("retry-after")).toBe("1");
    socket.send({ body: "held for a moment", key: "k-held-1" });
    const held = await socket.frame((frame) => frame.includes("pending-k-held-1"));
    expect(held).toContain('data-retry-after-ms="700"');
    expect(held).toContain("Parley is busy: this goes out again");

    busy = false;
    socket.send({ body: "held for a moment", key: "k-held-1" });
    await socket.frame((frame) => frame.includes("held for a moment") && frame.includes('data-message-id="'));
    const stored = (await (await alice.get("/api/rooms/general/messages?limit=100")).json()).messages as {
      body: string;
    }[];
    expect(stored.map((m) => m.body)).toEqual(["held for a moment"]);
  });
});
