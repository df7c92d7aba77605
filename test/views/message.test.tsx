import { describe, expect, it } from "vitest";
import { messagesFragment } from "../../src/rooms/broadcasts.tsx";
import type { Message as MessageRecord } from "../../src/store/records.ts";
import { firstStored } from "../../src/store/records.ts";
import { messagesId } from "../../views/messages/list.tsx";
import { Message, messageId, renderMessage, type ShownMessage } from "../../views/messages/message.tsx";
import { pathsUnder, rootPaths } from "../../views/paths.ts";
import { render } from "../../views/render.ts";
import { fragment } from "../support/html.ts";

const message: ShownMessage = {
  ...firstStored({
    id: 42,
    seq: 3,
    roomId: 7,
    body: `<script>alert("x")</script> & <img src=x onerror=alert(1)>`,
    createdAt: new Date("2026-11-25T10:15:00Z"),
    author: { id: 1, username: "mallory", displayName: null, avatar: null, kind: "account" },
    image: null,
    replyTo: null,
  }),
  // Who exists among the people the texts below mention.
  people: new Set(["alice", "bob-2"]),
};

describe("the message partial", () => {
  it("carries its id as DOM id and data-message-id", async () => {
    const article = fragment(await render(<Message message={message} />, rootPaths)).querySelector("article");
    expect(article?.id).toBe(messageId(message));
    expect(article?.getAttribute("data-message-id")).toBe("42");
    // Its place in the room: a page that holds 2 and 4 knows 3 is missing.
    expect(article?.getAttribute("data-seq")).toBe("3");
  });

  it("escapes user text: markup arrives as text, never as elements", async () => {
    const html = await render(<Message message={message} />, rootPaths);
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    const body = fragment(html).querySelector(".body");
    expect(body?.textContent).toBe(message.body);
    expect([...(body?.querySelectorAll("*") ?? [])].map((element) => element.tagName)).toEqual(["P"]);
  });

  it("shows its author as they are now: a new name, picture or guest standing renders anew", async () => {
    const shown = (author: Partial<ShownMessage["author"]>, base = rootPaths) =>
      fragment(renderMessage({ ...message, author: { ...message.author, ...author } }, base).html);
    expect(shown({}).querySelector(".author")?.textContent).toBe("mallory");
    const renamed = shown({ displayName: "Mal <3" });
    expect(renamed.querySelector(".author")?.textContent).toBe("Mal <3");
    expect(renamed.querySelector(".author")?.getAttribute("title")).toBe("@mallory");
    const pictured = shown({ displayName: "Mal <3", avatar: { url: "https://example.com/m.png" } });
    expect(pictured.querySelector("img.avatar")?.getAttribute("src")).toBe("https://example.com/m.png");
    expect(shown({ kind: "guest" }).querySelector(".guest-tag")).not.toBeNull();
    expect(shown({}, pathsUnder("/chat")).querySelector(".author")?.getAttribute("href")).toBe("/chat/u/mallory");
    expect(shown({}).querySelector(".author")?.getAttribute("href")).toBe("/u/mallory");
  });

  it("shows author and time", async () => {
    const article = fragment(await render(<Message message={message} />, rootPaths));
    expect(article.querySelector(".author")?.textContent).toBe("mallory");
    expect(article.querySelector("time")?.getAttribute("datetime")).toBe("2026-11-25T10:15:00.000Z");
  });
});

describe("the author and the image", () => {
  const rendered = async (change: Partial<MessageRecord>) =>
    fragment(await render(<Message message={{ ...message, ...change }} />, rootPaths)).querySelector("article");
  const avatar = { name: `${"a".repeat(64)}.png`, width: 128, height: 128 };

  it("shows the author's avatar before the header: initials by default, their picture when set", async () => {
    const initials = await rendered({});
    expect(initials?.firstElementChild?.matches("span.avatar.avatar-small[aria-hidden=true]")).toBe(true);
    expect(initials?.firstElementChild?.textContent).toBe("M");
    const pictured = await rendered({ author: { ...message.author, avatar } });
    const img = pictured?.firstElementChild;
    expect(img?.matches("img.avatar")).toBe(true);
    expect(img?.getAttribute("src")).toBe(`/files/${avatar.name}`);
    expect(pictured?.querySelector("header")?.previousElementSibling).toBe(img);
  });

  it("names the author by display name, the username in the title; the link (the grouping key) stays the username's", async () => {
    const named = await rendered({ author: { ...message.author, displayName: "<b>Mal</b> Lory" } });
    const link = named?.querySelector("a.author");
    expect(link?.textContent).toBe("<b>Mal</b> Lory");
    expect(link?.getAttribute("title")).toBe("@mallory");
    expect(link?.getAttribute("href")).toBe("/u/mallory");
    expect((await rendered({}))?.querySelector("a.author")?.hasAttribute("title")).toBe(false);
  });

  it("shows an image at a bounded size with its width and height, lazily, linked to the full size", async () => {
    const image = { name: `${"b".repeat(64)}.jpg`, width: 1600, height: 900 };
    const article = await rendered({ body: "", image, author: { ...message.author, displayName: "Mal" } });
    const link = article?.querySelector("a.attachment");
    expect(link?.getAttribute("href")).toBe(`/files/${image.name}`);
    const img = link?.querySelector("img");
    expect([img?.getAttribute("width"), img?.getAttribute("height")]).toEqual(["320", "180"]);
    expect(img?.getAttribute("loading")).toBe("lazy");
    expect(img?.getAttribute("alt")).toBe("Image from Mal");
    // An image alone has no empty text paragraph.
    expect(article?.querySelector(".body")).toBeNull();
    const tall = (await rendered({ image: { ...image, width: 300, height: 1200 } }))?.querySelector(".attachment img");
    expect([tall?.getAttribute("width"), tall?.getAttribute("height")]).toEqual(["80", "320"]);
    const small = (await rendered({ image: { ...image, width: 3, height: 2 } }))?.querySelector(".attachment img");
    expect([small?.getAttribute("width"), small?.getAttribute("height")]).toEqual(["3", "2"]);
  });
});

describe("the broadcast fragment", () => {
  it("upserts the same partial into the room's list, by message id, in order", async () => {
    const html = await messagesFragment({ id: 7 }, [message], rootPaths);
    const partial = fragment(html).querySelector("hx-partial");
    expect(partial?.getAttribute("hx-target")).toBe(`#${messagesId({ id: 7 })}`);
    expect(partial?.getAttribute("hx-swap")).toBe("upsert sort");
    const article = partial?.querySelector("article");
    expect(article?.outerHTML).toBe(fragment(await render(<Message message={message} />, rootPaths)).innerHTML);
  });

  it("carries the message text once", async () => {
    const html = await messagesFragment({ id: 7 }, [{ ...message, body: "unique-text-123" }], rootPaths);
    expect(html.split("unique-text-123")).toHaveLength(2);
  });
});

describe("message formatting", () => {
  const rendered = async (body: string) =>
    fragment(await render(<Message message={{ ...message, body }} />, rootPaths)).querySelector(".body");

  it("makes links clickable, marked as user content and opening apart", async () => {
    const body = await rendered("docs at https://example.com/a?b=1&c=2 and example.org");
    const links = [...(body?.querySelectorAll("a") ?? [])];
    expect(links.map((a) => a.getAttribute("href"))).toEqual(["https://example.com/a?b=1&c=2", "http://example.org"]);
    for (const a of links) {
      expect(a.getAttribute("rel")).toBe("noopener nofollow ugc");
      expect(a.getAttribute("target")).toBe("_blank");
    }
  });

  it("renders bold, italic, code, fenced code and line breaks", async () => {
    const body = await rendered("**bold** *italic* `a < b`\nnext line\n```\nif (x < 1) {}\n```");
    expect(body?.querySelector("strong")?.textContent).toBe("bold");
    expect(body?.querySelector("em")?.textContent).toBe("italic");
    expect(body?.querySelector("p code")?.textContent).toBe("a < b");
    expect(body?.querySelector("br")).not.toBeNull();
    expect(body?.querySelector("pre code")?.textContent).toBe("if (x < 1) {}\n");
    // A long line scrolls the block sideways: a keyboard reaches it to scroll it.
    expect(body?.querySelector("pre")?.getAttribute("tabindex")).toBe("0");
  });

  it("never lets markup, script links or disguised links through", async () => {
    for (const text of [
      "<b onmouseover=alert(1)>hi</b>",
      "[innocent](javascript:alert(1))",
      "<javascript:alert(1)>",
      "**<img src=x onerror=alert(1)>**",
      "[https://bank.example](https://evil.example)",
    ]) {
      const body = await rendered(text);
      expect(body?.querySelector("b, img, script, [onmouseover], [onerror]"), text).toBeNull();
      // A link shows where it goes: as its text, or as the host beside a text that says otherwise.
      for (const a of body?.querySelectorAll("a") ?? []) {
        const href = a.getAttribute("href") ?? "";
        if (a.textContent !== href) expect(a.nextElementSibling?.textContent, text).toBe(`(${new URL(href).host})`);
      }
      expect(body?.textContent, text).toContain(text.replace(/\*\*|^\[/g, "").slice(0, 5));
    }
  });

  it("links @mentions to the person's profile, and leaves e-mail addresses and code alone", async () => {
    const body = await rendered("hi @Alice and @bob-2, mail me@example.com, `@carol` @xy");
    const mentions = [...(body?.querySelectorAll("a.mention") ?? [])];
    expect(mentions.map((a) => [a.textContent, a.getAttribute("href")])).toEqual([
      ["@Alice", "/u/alice"],
      ["@bob-2", "/u/bob-2"],
    ]);
    expect(mentions[0]?.hasAttribute("target")).toBe(false);
    expect(body?.textContent).toContain("me@example.com");
    expect(body?.querySelector("code")?.textContent).toBe("@carol");
  });

  it("leaves an @name of no one as text: no link to a missing profile", async () => {
    const body = await rendered("ask @nobody, or **@Alice**");
    expect([...(body?.querySelectorAll("a") ?? [])].map((a) => a.getAttribute("href"))).toEqual(["/u/alice"]);
    expect(body?.querySelector("strong a.mention")?.textContent).toBe("@Alice");
    expect(body?.textContent).toBe("ask @nobody, or @Alice");
  });

  it("sends plain text as one short paragraph, without the parser", async () => {
    const html = await render(<Message message={{ ...message, body: "just words, nothing more" }} />, rootPaths);
    expect(html).toContain('<p class="body">just words, nothing more</p>');
  });
});
