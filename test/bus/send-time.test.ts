import { describe, expect, it } from "vitest";
import { readSendTime, withSendTime } from "../../src/bus/send-time.ts";

describe("a payload's send time on Redis", () => {
  const fragment =
    '<hx-partial hx-target="#messages-room-1" hx-swap="upsert sort"><article>a.b --> c</article></hx-partial>';

  it("travels after the payload and comes off whole", () => {
    const at = Date.parse("2026-12-05T00:40:00.123Z");
    const carried = withSendTime(fragment, at);
    expect(carried.startsWith(fragment)).toBe(true);
    expect(carried.slice(fragment.length)).toMatch(/^<!--sent:[0-9a-z]+-->$/);
    expect(readSendTime(carried)).toEqual({ payload: fragment, sentAt: at });
  });

  it("leaves a payload from an earlier version as it came, with no time", () => {
    expect(readSendTime(fragment)).toEqual({ payload: fragment, sentAt: null });
    const endsLikeOne = `${fragment}<!-- a comment of the fragment's own -->`;
    expect(readSendTime(endsLikeOne)).toEqual({ payload: endsLikeOne, sentAt: null });
  });
});
