import { describe, expect, it } from "vitest";
import { messagesFragment } from "../../src/rooms/broadcasts.tsx";
import type { Message as MessageRecord } from "../../src/store/records.ts";
import { messagesId } from "../../views/messages/list.tsx";
import { Message, messageId } from "../../views/messages/message.tsx";
import { render } from "../../views/render.ts";
import { fragment } from "../support/html.ts";

const message: MessageRecord = {
  id: 42,
  roomId: 7,
  body: `<script>alert("x")</script> & <img src=x onerror=alert(1)>`,
  createdAt: new Date("2026-11-25T10:15:00Z"),
  author: { id: 1, username: "mallory" },
};

describe("the message partial", () => {
  it("carries its id as DOM id and data-message-id", async () => {
    const article = fragment(await render(<Message message={message} />)).querySelector("article");
    expect(article?.id).toBe(messageId(message));
    expect(article?.getAttribute("data-message-id")).toBe("42");
  });

  it("escapes user text: markup arrives as text, never as elements", async () => {
    const html = await render(<Message message={message} />);
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    const body = fragment(html).querySelector(".body");
    expect(body?.textContent).toBe(message.body);
    expect(body?.children.length).toBe(0);
  });

  it("shows author and time", async () => {
    const article = fragment(await render(<Message message={message} />));
    expect(article.querySelector(".author")?.textContent).toBe("mallory");
    expect(article.querySelector("time")?.getAttribute("datetime")).toBe("2026-11-25T10:15:00.000Z");
  });
});

describe("the broadcast fragment", () => {
  it("upserts the same partial into the room's list, by message id, in order", async () => {
    const html = await messagesFragment({ id: 7 }, [message]);
    const partial = fragment(html).querySelector("hx-partial");
    expect(partial?.getAttribute("hx-target")).toBe(`#${messagesId({ id: 7 })}`);
    expect(partial?.getAttribute("hx-swap")).toBe("upsert sort");
    const article = partial?.querySelector("article");
    expect(article?.outerHTML).toBe(fragment(await render(<Message message={message} />)).innerHTML);
  });

  it("carries the message text once", async () => {
    const html = await messagesFragment({ id: 7 }, [{ ...message, body: "unique-text-123" }]);
    expect(html.split("unique-text-123")).toHaveLength(2);
  });
});
