import { describe, expect, it } from "vitest";
import { defaultPassword } from "../../scripts/parley-http.ts";
import { eventually } from "../support/eventually.ts";
import { roomServer } from "../support/room-server.ts";

const metricsToken = "a-metrics-token-that-must-stay-out-of-logs";

/** Every line the server wrote, as JSON: a line that is not JSON fails the test. */
const entries = (lines: string[]) =>
  lines.map((line) => {
    try {
      return JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new Error(`not a JSON line: ${line}`);
    }
  });

/** A real Bun server's standard output, with its stdout a pipe (so JSON, not text). */
describe.each(["info", "debug"])("logs at LOG_LEVEL=%s", (level) => {
  const room = roomServer(() => ({ LOG_LEVEL: level, METRICS_TOKEN: metricsToken }));

  it("are JSON lines with a level and a request id, and never hold a message's text or a secret", async () => {
    const secretText = `the launch code is ${crypto.randomUUID()}`;
    const socket = await room.socket(room.alice);
    socket.send({ body: secretText, key: "secret-1" });
    await socket.frame((frame) => frame.includes(secretText));
    await room.bob.post(room.slug, `${secretText} (by API)`);
    const answered = await room.alice.call(`/api/rooms/${room.slug}/messages`);
    const requestId = answered.headers.get("x-request-id");
    expect(requestId).toMatch(/^[\w-]{16,}$/);
    await fetch(`${room.server.url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
    socket.close();
    await socket.closed;

    // The server hears the close after the client does: at debug, its line is the last to wait for.
    const logged = await eventually("the API request's line (and at debug the socket's close)", async () => {
      const all = entries(room.server.lines());
      const closed = level === "info" || all.some((entry) => entry.msg === "socket closed");
      return closed && all.some((entry) => entry.requestId === requestId) ? all : undefined;
    });
    const text = room.server.lines().join("\n");
    for (const secret of [secretText, defaultPassword, metricsToken, room.alice.cookie.split("=")[1] ?? "-"])
      expect(text).not.toContain(secret);
    for (const entry of logged) {
      expect(["fatal", "error", "warn", "info", "debug", "trace"]).toContain(entry.level);
      expect(typeof entry.msg).toBe("string");
    }
    const line = logged.find((entry) => entry.requestId === requestId);
    expect(line).toMatchObject({ level: "info", method: "GET", route: "/api/rooms/:slug/messages", status: 200 });
    // Requests name their route as written: an invite code or a room's slug stays out.
    expect(text).not.toContain(`/api/rooms/${room.slug}/`);
    const requests = logged.filter((entry) => entry.msg === "request");
    expect(requests.length).toBeGreaterThan(3);
    for (const request of requests) expect(request.requestId).toMatch(/^[\w-]{16,}$/);

    const sockets = logged.filter((entry) => typeof entry.socket === "string");
    if (level === "info") expect(sockets).toEqual([]);
    else {
      const opened = sockets.find((entry) => entry.msg === "socket open");
      // The socket's lines share its id, and its first names the request that opened it.
      expect(opened?.requestId).toMatch(/^[\w-]{16,}$/);
      expect(sockets.some((entry) => entry.msg === "socket closed" && entry.socket === opened?.socket)).toBe(true);
      // Probes and scrapes are debug lines.
      expect(requests.some((entry) => entry.route === "/metrics")).toBe(true);
    }
    if (level === "info") expect(requests.some((entry) => entry.route === "/metrics")).toBe(false);
  });
});
