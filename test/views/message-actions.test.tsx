import { describe, expect, it } from "vitest";
import { reactionRules } from "../../src/rooms/reaction-rules.ts";
import type { Room } from "../../src/store/records.ts";
import { pathsUnder } from "../../views/paths.ts";
import { render } from "../../views/render.ts";
import { MessageActions } from "../../views/rooms/message-actions.tsx";
import { fragment } from "../support/html.ts";

const room = { id: 7, slug: "plans", name: "Plans" } as Room;
const rendered = async (manages: boolean) =>
  fragment(await render(<MessageActions room={room} manages={manages} />, pathsUnder("/chat")));

describe("a room's message actions", () => {
  it("are one hidden toolbar: the quick reactions, then the actions, with the room's addresses under the base path", async () => {
    const html = await rendered(false);
    const bar = html.querySelector(".message-actions");
    expect(bar?.hasAttribute("hidden")).toBe(true);
    expect(bar?.getAttribute("role")).toBe("toolbar");
    expect([...html.querySelectorAll("[data-react]")].map((button) => button.getAttribute("data-react"))).toEqual([
      ...reactionRules.quick,
    ]);
    expect([...html.querySelectorAll("[data-action]")].map((button) => button.getAttribute("data-action"))).toEqual([
      "more",
      "reply",
      "edit",
      "delete",
      "copy-link",
    ]);
    for (const button of html.querySelectorAll(".message-actions button")) {
      expect(button.getAttribute("aria-label")).toBeTruthy();
    }
    expect(bar?.getAttribute("data-room-url")).toBe("/chat/rooms/plans");
    expect(bar?.getAttribute("data-api")).toBe("/chat/api/rooms/plans/messages");
    expect(bar?.getAttribute("data-manages")).toBe("false");
  });

  it("say whether the reader moderates, and ask before a deletion in a dialog that starts on Cancel", async () => {
    const html = await rendered(true);
    expect(html.querySelector(".message-actions")?.getAttribute("data-manages")).toBe("true");
    const dialog = html.querySelector("dialog.delete-message");
    expect(dialog?.querySelector("h2")?.textContent).toBe("Delete this message?");
    expect(dialog?.querySelector("button[autofocus]")?.textContent?.trim()).toBe("Cancel");
  });
});
