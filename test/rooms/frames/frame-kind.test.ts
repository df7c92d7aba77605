import { describe, expect, it } from "vitest";
import { catchUp } from "../../../src/rooms/frames/catch-up.ts";
import { type FrameKind, readFrame } from "../../../src/rooms/frames/frame-kind.ts";
import { message } from "../../../src/rooms/frames/post.tsx";
import { readMark } from "../../../src/rooms/frames/read-mark.ts";
import { roomFrames } from "../../../src/rooms/frames/room-frames.ts";
import { typing } from "../../../src/rooms/frames/typing.tsx";
import { messageRules } from "../../../src/rooms/message-rules.ts";

const names = new Map<FrameKind<never>, string>([
  [message, "message"],
  [typing, "typing"],
  [readMark, "read"],
  [catchUp, "catch-up"],
]);

/** A frame as the room socket reads it: its kind's name and its fields, or why it is refused. */
const parseFrame = (data: string | ArrayBuffer) => {
  const read = readFrame(data, roomFrames);
  return read.ok ? { ok: true, kind: names.get(read.kind), ...(read.frame as object) } : read;
};

describe("socket frames", () => {
  it("carry the form's fields at the top level, as htmx's hx-ws:send sends them", () => {
    const frame = parseFrame(JSON.stringify({ body: "hi", key: "n0nce-1", headers: { "HX-Request": "true" } }));
    expect(frame).toEqual({ ok: true, kind: "message", body: "hi", key: "n0nce-1" });
    expect(parseFrame(JSON.stringify({ body: "hi" }))).toEqual({ ok: true, kind: "message", body: "hi", key: null });
  });

  it("say someone is typing with a `typing` field and no text", () => {
    expect(parseFrame(JSON.stringify({ typing: true, headers: {} }))).toEqual({ ok: true, kind: "typing" });
    expect(parseFrame(JSON.stringify({ read: "12" }))).toEqual({ ok: true, kind: "read", id: 12 });
    expect(parseFrame(JSON.stringify({ after: 7 }))).toEqual({ ok: true, kind: "catch-up", after: 7 });
    expect(parseFrame(JSON.stringify({ read: "soon" }))).toEqual({ ok: false, error: "A read mark is a message id." });
    // Text wins: a message frame that also says typing is a message.
    expect(parseFrame(JSON.stringify({ typing: true, body: "hi" }))).toMatchObject({ kind: "message" });
  });

  it("without any kind's field are messages without text (refused when posted)", () => {
    expect(parseFrame(JSON.stringify({ text: "wrong shape" }))).toEqual({
      ok: true,
      kind: "message",
      body: undefined,
      key: null,
    });
  });

  it("carry idempotency keys of a safe alphabet only", () => {
    for (const key of ["", "has space", 'quote"', "x".repeat(65), 42]) {
      expect(parseFrame(JSON.stringify({ body: "hi", key }))).toMatchObject({ ok: false });
    }
  });

  it("are refused when they are not JSON objects", () => {
    expect(parseFrame("not json")).toMatchObject({ ok: false, error: "That frame is not valid JSON." });
    expect(parseFrame("[1,2]")).toMatchObject({ ok: false, error: "That frame is not a message." });
    expect(parseFrame('"text"')).toMatchObject({ ok: false, error: "That frame is not a message." });
    expect(parseFrame("null")).toMatchObject({ ok: false, error: "That frame is not a message." });
    expect(parseFrame(JSON.stringify({ body: "hi", headers: "x" }))).toMatchObject({ ok: false });
    expect(parseFrame(JSON.stringify({ body: "hi", headers: [1] }))).toMatchObject({ ok: false });
    expect(parseFrame(new ArrayBuffer(4))).toMatchObject({ ok: false, error: "Frames must be JSON text." });
  });

  it("are refused when oversized, before parsing", () => {
    const frame = JSON.stringify({ body: "x".repeat(messageRules.maxFrameBytes) });
    expect(parseFrame(frame)).toMatchObject({ ok: false, error: "That frame is too large." });
  });
});
