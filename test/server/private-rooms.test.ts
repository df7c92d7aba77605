import { describe, expect, it } from "vitest";
import { closeCodes } from "../../src/delivery/close-codes.ts";
import { socketOf } from "../support/client.ts";
import { roomServer } from "../support/room-server.ts";

/** A private room over the real server and real sockets: to a non-member it is a made-up slug. */
describe("a private room's socket over real WebSockets", () => {
  const room = roomServer();
  const openPrivate = async () => {
    const response = await room.alice.call("/rooms", {
      method: "POST",
      body: new URLSearchParams({ name: "Board", visibility: "private" }),
    });
    expect(response.status).toBe(303);
    return (response.headers.get("location") ?? "").replace("/rooms/", "");
  };

  it("closes a non-member's socket with 4404 before sending anything, exactly as for a made-up slug", async () => {
    const slug = await openPrivate();
    const madeUp = `${slug.slice(0, -1)}${slug.endsWith("q") ? "r" : "q"}`;
    const [hidden, missing] = [socketOf(room.bob, room.server.url, slug), socketOf(room.bob, room.server.url, madeUp)];
    const [closedHidden, closedMissing] = await Promise.all([hidden.closed, missing.closed]);
    expect(closedHidden).toEqual(closedMissing);
    expect(closedHidden.code).toBe(closeCodes.noSuchRoom);
    expect(hidden.frames).toEqual([]);

    // Its member's socket opens and carries the room's messages.
    const mine = socketOf(room.alice, room.server.url, slug);
    await mine.opened;
    mine.send({ body: "only for members", headers: { "HX-Request": "true" } });
    await mine.frame((frame) => frame.includes("only for members"));
    mine.close();
    expect((await room.bob.call(`/api/rooms/${slug}/messages`)).status).toBe(404);
  });
});
