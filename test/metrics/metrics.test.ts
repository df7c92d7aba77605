import { describe, expect, it } from "vitest";
import { eventually } from "../support/eventually.ts";
import { parsePrometheus, type Sample, sampleOf } from "../support/prometheus.ts";
import { roomServer } from "../support/room-server.ts";

const token = "metrics-token-for-the-test-0123456789";

/** GET /metrics on a real Bun server, moved by real sockets and real posts. */
describe("metrics", () => {
  const room = roomServer(() => ({ METRICS_TOKEN: token, LOG_LEVEL: "warn" }));

  const scrape = async (): Promise<Sample[]> => {
    const response = await fetch(`${room.server.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    return parsePrometheus(await response.text());
  };
  const metric = async (name: string, labels: Record<string, string> = {}) => sampleOf(await scrape(), name, labels);

  it("answers only the bearer of METRICS_TOKEN; everyone else gets the 404 of an unknown address", async () => {
    const unknown = await fetch(`${room.server.url}/no-such-page`);
    for (const authorization of [undefined, "Bearer wrong-token-of-some-length-0123", `Bearer ${token}x`, token]) {
      const response = await fetch(`${room.server.url}/metrics`, {
        headers: authorization ? { authorization } : {},
      });
      expect(response.status, authorization).toBe(404);
      expect(response.headers.get("content-type")).toBe(unknown.headers.get("content-type"));
    }
    expect(await metric("parley_messages_total")).toBeGreaterThanOrEqual(0);
  });

  it("counts open sockets, stored messages and deliveries as people chat", async () => {
    const before = await scrape();
    const stored = sampleOf(before, "parley_messages_total") ?? Number.NaN;
    const delivered = sampleOf(before, "parley_deliveries_total") ?? Number.NaN;
    const deliveryTimes = sampleOf(before, "parley_delivery_seconds_count") ?? Number.NaN;
    const sockets = sampleOf(before, "parley_sockets_open") ?? Number.NaN;

    const a = await room.socket(room.alice);
    const b = await room.socket(room.bob);
    expect(await metric("parley_sockets_open")).toBe(sockets + 2);

    for (let i = 0; i < 3; i++) {
      a.send({ body: `counted ${i}`, key: `counted-${i}` });
      await b.frame((frame) => frame.includes(`counted ${i}`));
    }
    const after = await scrape();
    expect(sampleOf(after, "parley_messages_total")).toBe(stored + 3);
    // Each message reached both sockets (as one frame each, or more with presence and counts).
    expect(sampleOf(after, "parley_deliveries_total")).toBeGreaterThanOrEqual(delivered + 6);
    expect(sampleOf(after, "parley_delivery_seconds_count")).toBe(deliveryTimes + 3);
    expect(sampleOf(after, "parley_store_commit_seconds_count")).toBeGreaterThanOrEqual(3);
    expect(sampleOf(after, "parley_bus_up")).toBe(1);
    // The runtime's own, from prom-client's defaults on Bun.
    expect(sampleOf(after, "parley_process_resident_memory_bytes")).toBeGreaterThan(0);
    expect(sampleOf(after, "parley_nodejs_eventloop_lag_p99_seconds")).toBeGreaterThanOrEqual(0);
    expect(sampleOf(after, "parley_resident_memory_bytes")).toBeGreaterThan(0);
    expect(sampleOf(after, "parley_event_loop_delay_seconds")).toBeGreaterThanOrEqual(0);

    a.close();
    b.close();
    await Promise.all([a.closed, b.closed]);
    await eventually("the closed sockets to leave the gauge", async () =>
      (await metric("parley_sockets_open")) === sockets ? true : undefined,
    );
  });

  it("counts refusals by reason, never by room or person", async () => {
    const a = await room.socket(room.alice);
    const invalid = (await metric("parley_refusals_total", { reason: "invalid" })) ?? Number.NaN;
    const tooLarge = (await metric("parley_refusals_total", { reason: "too_large" })) ?? Number.NaN;
    a.send({ body: "   ", key: "blank-1" });
    await a.frame((frame) => frame.includes("blank-1"));
    a.send(JSON.stringify({ body: "x".repeat(70_000) }));
    await a.frame((frame) => frame.includes("That frame is too large."));
    const after = await scrape();
    expect(sampleOf(after, "parley_refusals_total", { reason: "invalid" })).toBe(invalid + 1);
    expect(sampleOf(after, "parley_refusals_total", { reason: "too_large" })).toBe(tooLarge + 1);
    // Parley's own series (the runtime's defaults name heap spaces and versions).
    const own = after.filter((sample) => !/^parley_(nodejs|process)_/.test(sample.name));
    const labels = new Set(own.flatMap((sample) => Object.keys(sample.labels)));
    expect([...labels].sort()).toEqual(["le", "reason"]);
    expect(new Set(own.map((sample) => sample.labels.reason).filter(Boolean)).size).toBeLessThanOrEqual(8);
    a.close();
  });
});
