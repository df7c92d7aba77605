import { describe, expect, it } from "vitest";
import { createReadiness } from "../src/readiness.ts";
import { socketOf } from "./support/client.ts";
import { eventually } from "./support/eventually.ts";
import { roomServer } from "./support/room-server.ts";
import { createTestApp } from "./support/test-app.ts";

describe("readiness (/readyz) beside liveness (/healthz)", () => {
  it("is 503 starting, then 200 ready, then 503 draining for good, while /healthz stays 200", async () => {
    const readiness = createReadiness();
    const { app } = await createTestApp({ readiness });
    const ready = async () => {
      const response = await app.request("/readyz");
      return { code: response.status, ...(await response.json()), cache: response.headers.get("cache-control") };
    };
    expect(await ready()).toEqual({ code: 503, status: "starting", cache: "no-store" });
    readiness.ready();
    expect(await ready()).toEqual({ code: 200, status: "ready", cache: "no-store" });
    readiness.drain();
    readiness.ready(); // a late "ready" cannot undo a shutdown
    expect(await ready()).toEqual({ code: 503, status: "draining", cache: "no-store" });
    expect((await app.request("/healthz")).status).toBe(200);
  });
});

/** A real Bun server told to stop: unready first, its sockets still open, then gone. */
describe("a stopping server (SIGTERM, DRAIN_DELAY_MS)", () => {
  const room = roomServer(() => ({ DRAIN_DELAY_MS: "60000", LOG_LEVEL: "warn" }));

  it("says draining on /readyz before any socket closes, while /healthz and the sockets still work", async () => {
    const { server } = room;
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    const socket = await room.socket(room.alice);
    server.signal("SIGTERM");
    const draining = await eventually("/readyz to say draining", async () => {
      const response = await fetch(`${server.url}/readyz`);
      return response.status === 503 ? await response.json() : undefined;
    });
    expect(draining).toEqual({ status: "draining" });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    // Still serving what is open: a message goes through and comes back on the open socket.
    socket.send({ body: "during the drain", key: "drain-1" });
    await socket.frame((frame) => frame.includes("during the drain"));
    // A page arriving now still gets in (a proxy may not have noticed yet).
    const late = socketOf(room.bob, server.url, room.slug);
    await late.opened;
    late.close();
    socket.close();
    // The delay is a minute: a second signal does not cut it short, SIGKILL ends the test.
    server.signal("SIGKILL");
    await server.exited;
  });
});
