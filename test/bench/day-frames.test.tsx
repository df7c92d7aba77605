import { describe, expect, it } from "vitest";
import { ceilingTexts, parleyMessages, parleyTargets } from "../../bench/load/day-frames.ts";
import { messagesFragment } from "../../src/rooms/broadcasts.tsx";
import { firstStored } from "../../src/store/records.ts";
import type { ShownMessage } from "../../views/messages/message.tsx";
import { pendingId } from "../../views/messages/pending.tsx";
import { Remove, Replace } from "../../views/messages/stream.tsx";
import { rootPaths } from "../../views/paths.ts";
import { render } from "../../views/render.ts";

const said = (id: number, body: string): ShownMessage => ({
  ...firstStored({
    id,
    seq: id,
    roomId: 7,
    body,
    createdAt: new Date("2026-12-05T21:00:00Z"),
    author: { id: 1, username: "day1", displayName: null, avatar: null, kind: "account" },
    image: null,
    replyTo: null,
  }),
  people: new Set<string>(),
});

describe("the realistic day's frame readers, on Parley's real fragments", () => {
  it("reads each message's id and the day's number out of a broadcast of several", async () => {
    const frame = await messagesFragment(
      { id: 7 },
      [said(41, "p12 said at 300 ms into the day"), said(42, "p13 said at 310 ms into the day"), said(43, "hello")],
      rootPaths,
    );
    const found: [number, number][] = [];
    parleyMessages(frame, (id, number) => found.push([id, number]));
    expect(found).toEqual([
      [41, 12],
      [42, 13],
      [43, 0],
    ]);
  });

  it("tells an acknowledged send from a refused one, and names every other target without its digits", async () => {
    const frame =
      (await messagesFragment({ id: 7 }, [said(44, "p14 said")], rootPaths)) +
      (await render(<Remove target={pendingId("day-14")} />, rootPaths)) +
      (await render(
        <Replace target={pendingId("day-15")}>
          <p>not sent</p>
        </Replace>,
        rootPaths,
      ));
    const found: [string, string | undefined][] = [];
    parleyTargets(frame, (target, answer) => found.push([target, answer]));
    expect(found).toEqual([
      ["#messages-room-#", undefined],
      ["#pending-day-#", "acknowledged"],
      ["#pending-day-#", "refused"],
    ]);
  });

  it("reads the ceiling's texts, one per line and padded", () => {
    const found: [string, number, number][] = [];
    ceilingTexts(`p7 said at 1 ms${" ".repeat(10)}\nt8 said at 2 ms`, (kind, number, bytes) =>
      found.push([kind, number, bytes]),
    );
    expect(found).toEqual([
      ["p", 7, 25],
      ["t", 8, 15],
    ]);
  });
});
