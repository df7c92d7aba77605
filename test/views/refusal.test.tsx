import { describe, expect, it } from "vitest";
import { pendingId } from "../../views/messages/pending.tsx";
import { refusalMarkup } from "../../views/messages/refusal.tsx";
import { fragment } from "../support/html.ts";

const item = async (props: Parameters<typeof refusalMarkup>[0]) =>
  fragment(refusalMarkup(props)).querySelector("article");

describe("a refused send", () => {
  it("held by the rate limit: says when it goes out again, in words and in milliseconds", async () => {
    const held = await item({
      sendKey: "n-7",
      body: "hi",
      error: "Sending too fast: wait a moment.",
      kind: "held",
      retryAfterMs: 2300,
    });
    expect(held?.id).toBe(pendingId("n-7"));
    expect(held?.getAttribute("data-state")).toBe("held");
    expect(held?.getAttribute("data-retry-after-ms")).toBe("2300");
    expect(held?.querySelector(".pending-status")?.textContent).toBe("Sending too fast: this goes out again in 3 s.");
    const soon = await item({ sendKey: "n-8", body: "hi", error: "too fast", kind: "held", retryAfterMs: 200 });
    expect(soon?.querySelector(".pending-status")?.textContent).toContain("in a moment");
  });

  it("failed on our side: keeps the text (escaped) and offers retry, edit and discard", async () => {
    const body = "<b>my words</b>";
    const failed = await item({ sendKey: "n-9", body, error: "something broke.", kind: "failed" });
    expect(failed?.getAttribute("data-state")).toBe("failed");
    expect(failed?.hasAttribute("data-retry-after-ms")).toBe(false);
    expect(failed?.querySelector(".body")?.textContent).toBe(body);
    expect(failed?.querySelector(".body b")).toBeNull();
    expect(failed?.querySelector("[role=alert]")?.textContent).toBe("Not sent: something broke.");
    const actions = [...(failed?.querySelectorAll("button") ?? [])].map((b) => b.getAttribute("data-action"));
    expect(actions).toEqual(["retry", "edit", "discard"]);
  });
});
