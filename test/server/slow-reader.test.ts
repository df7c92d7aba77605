import type { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { socketLimits } from "../../src/delivery/socket-limits.ts";
import { carriesMessages, idsIn } from "../support/html.ts";
import { roomServer } from "../support/room-server.ts";

/** A socket that stops reading must not cost unbounded memory, nor end with a hole in its page. */
describe("a reader too slow for its room", () => {
  const room = roomServer();

  it("is closed past its bound, and catches up on reconnect with nothing missing", async () => {
    const start = (await room.alice.messages(room.slug)).at(-1)?.id ?? 0;
    const slow = await room.socket(room.alice, `?after=${start}`);
    const sender = await room.socket(room.bob);
    // The slow reader stops reading: what the server sends piles up in its queue.
    (slow.ws as unknown as { _socket: Socket })._socket.pause();

    // 4 KB messages in batches until the server closes the slow reader, which the room hears as
    // alice leaving it: how much that takes depends on how much the kernel's buffers absorb
    // (loopback receive buffers grow to 32 MB here). Each batch finds places whole (send-places.ts).
    const body = "x".repeat(3990);
    const from = sender.frames.length;
    const aliceLeft = (f: string) => f.includes('id="present-room-') && !f.includes('href="/u/alice"');
    let count = 0;
    while (!sender.frames.slice(from).some(aliceLeft)) {
      if (count * 4000 > socketLimits.bufferedBytes * 20) throw new Error(`still open after ${count} messages`);
      const batch = sender.frames.length;
      for (const end = count + 500; count < end; ) sender.send({ body: `${++count} ${body}` });
      await sender.frame((f) => f.includes(`>${count} x`), batch);
    }
    expect(count * 4000).toBeGreaterThan(socketLimits.bufferedBytes);

    (slow.ws as unknown as { _socket: Socket })._socket.resume();
    const { code } = await slow.closed;
    expect([1006, 1013]).toContain(code);

    // What reached the page is a gapless start of the room; the rest comes on reconnect.
    const stored = (await room.alice.messages(room.slug, start)).map((m) => m.id);
    expect(stored).toHaveLength(count);
    const seen = slow.frames.flatMap(idsIn);
    expect(seen.length).toBeLessThan(count);
    expect(seen).toEqual(stored.slice(0, seen.length));

    const back = await room.socket(room.alice, `?after=${seen.at(-1) ?? start}`);
    const caughtUp = idsIn(await back.frame(carriesMessages));
    // Far behind, the page is sent the latest page ("jump to latest") rather than every message.
    expect(caughtUp.at(-1)).toBe(stored.at(-1));
    back.close();
    sender.close();
  }, 60_000);
});
