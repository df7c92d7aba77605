import { describe, expect, it } from "vitest";
import { checkBody } from "../../src/rooms/message-input.ts";
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
