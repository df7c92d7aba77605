import { describe, expect, it } from "vitest";
import { checkBody, parseFrame } from "../../src/rooms/message-input.ts";
import { messageRules } from "../../src/rooms/message-rules.ts";

describe("message text", () => {
  it("is trimmed, with line breaks normalised and control characters dropped", () => {
    expect(checkBody("  hello\r\nworld\u0007  ")).toEqual({ ok: true, body: "hello\nworld" });
  });

  it("must not be empty after trimming", () => {
    expect(checkBody(" \n\t ")).toMatchObject({ ok: false, error: "Type a message first." });
  });

  it("is at most 4,000 characters, and a refusal hands the text back", () => {
    expect(checkBody("x".repeat(messageRules.maxLength)).ok).toBe(true);
    const refused = checkBody("x".repeat(messageRules.maxLength + 1));
    expect(refused).toMatchObject({ ok: false, error: "Messages are at most 4,000 characters." });
    expect(refused.body).toHaveLength(messageRules.maxLength + 1);
  });

  it("must be a string", () => {
    expect(checkBody(42)).toMatchObject({ ok: false, error: "A message needs text." });
    expect(checkBody(undefined)).toMatchObject({ ok: false, error: "A message needs text." });
  });
});

describe("socket frames", () => {
  it("carry the form's fields at the top level, as htmx's hx-ws:send sends them", () => {
    const frame = parseFrame(JSON.stringify({ body: "hi", key: "n0nce-1", headers: { "HX-Request": "true" } }));
    expect(frame).toEqual({ ok: true, kind: "message", body: "hi", key: "n0nce-1" });
    expect(parseFrame(JSON.stringify({ body: "hi" }))).toEqual({ ok: true, kind: "message", body: "hi", key: null });
  });

  it("say someone is typing with a `typing` field and no text", () => {
    expect(parseFrame(JSON.stringify({ typing: true, headers: {} }))).toEqual({ ok: true, kind: "typing" });
    // Text wins: a message frame that also says typing is a message.
    expect(parseFrame(JSON.stringify({ typing: true, body: "hi" }))).toMatchObject({ kind: "message" });
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
