import { describe, expect, it } from "vitest";
import { richText } from "../../views/messages/rich-text.ts";
import { rootPaths } from "../../views/paths.ts";
import { fragment } from "../support/html.ts";

/** The people the texts below mention, as if they had accounts (only they are linked). */
const people = new Set(["alice", "bob"]);
const body = (text: string) => fragment(richText(text, people, rootPaths).html).querySelector(".body");

describe("lists, quotes and strikethrough", () => {
  it("renders an unordered list, with - or * or +", () => {
    for (const marker of ["-", "*", "+"]) {
      const list = body(`Shopping:\n${marker} milk\n${marker} **fresh** eggs`)?.querySelector("ul");
      expect(
        [...(list?.querySelectorAll("li") ?? [])].map((li) => li.textContent),
        marker,
      ).toEqual(["milk", "fresh eggs"]);
      expect(list?.querySelector("li strong")?.textContent).toBe("fresh");
    }
  });

  it("ends a list at a line that is not its own, as chat apps do: the line under it is not in the last item", () => {
    const text = body("- milk\n- eggs\nthat is all\n- and a list again\n  still the same item");
    expect([...(text?.querySelectorAll("li") ?? [])].map((li) => li.textContent)).toEqual([
      "milk",
      "eggs",
      "and a list again\nstill the same item",
    ]);
    expect(text?.querySelector(":scope > p")?.textContent).toBe("that is all");
  });

  it("renders an ordered list, keeping the number it starts at", () => {
    const list = body("3. third\n4. fourth")?.querySelector("ol");
    expect(list?.getAttribute("start")).toBe("3");
    expect([...(list?.querySelectorAll("li") ?? [])].map((li) => li.textContent)).toEqual(["third", "fourth"]);
    // One line is enough: the list starts the message.
    expect(body("1. only")?.querySelector("ol li")?.textContent).toBe("only");
  });

  it("renders a block quote, and a reply under it", () => {
    const quoted = body("> was it *you*?\nyes");
    expect(quoted?.querySelector("blockquote em")?.textContent).toBe("you");
    expect(body("> just the quote")?.querySelector("blockquote")?.textContent?.trim()).toBe("just the quote");
  });

  it("ends a quote at its last quoted line, as chat apps do: the reply under it is not quoted", () => {
    const quoted = body("> was it you?\n> really?\nyes, me");
    expect(quoted?.querySelector("blockquote")?.textContent?.trim()).toBe("was it you?\nreally?");
    expect(quoted?.querySelector(":scope > p")?.textContent).toBe("yes, me");
  });

  it("strikes through ~~text~~", () => {
    expect(body("it is ~~tomorrow~~ today")?.querySelector("s")?.textContent).toBe("tomorrow");
  });

  it("still sends plain text as one paragraph, without the parser", () => {
    expect(richText("a - b and 3.5 > 2", people, rootPaths).html).toBe('<p class="body">a - b and 3.5 &gt; 2</p>');
  });
});

describe("written links", () => {
  const links = (text: string) => [...(body(text)?.querySelectorAll("a") ?? [])];
  const hostOf = (a: Element | undefined) =>
    a?.nextElementSibling?.matches(".link-host") ? a.nextElementSibling.textContent : null;

  it("renders [text](url) as a link, marked as user content, its host shown beside it", () => {
    const [a] = links("see [the docs](https://docs.example.com/guide?x=1&y=2) now");
    expect(a?.getAttribute("href")).toBe("https://docs.example.com/guide?x=1&y=2");
    expect(a?.textContent).toBe("the docs");
    expect(a?.getAttribute("rel")).toBe("noopener nofollow ugc");
    expect(a?.getAttribute("target")).toBe("_blank");
    expect(hostOf(a)).toBe("(docs.example.com)");
    expect(body("see [the docs](https://docs.example.com/guide) now")?.textContent).toBe(
      "see the docs\u00a0(docs.example.com) now",
    );
  });

  it("shows a mailto link's address beside it", () => {
    const [a] = links("[write to us](mailto:help@example.com)");
    expect(a?.getAttribute("href")).toBe("mailto:help@example.com");
    expect(hostOf(a)).toBe("(help@example.com)");
  });

  it("shows no host beside a link whose text is its address", () => {
    for (const text of [
      "[https://example.com/a](https://example.com/a)",
      "[example.com](https://example.com/)",
      "https://example.com/a",
      "<https://example.com/a>",
      "example.org",
    ]) {
      const [a] = links(text);
      expect(a, text).toBeDefined();
      expect(hostOf(a), text).toBeNull();
      expect(body(text)?.querySelector(".link-host"), text).toBeNull();
    }
  });

  it("unmasks a link whose text is another address", () => {
    const [a] = links("[https://bank.example](https://evil.example/login)");
    expect(a?.getAttribute("href")).toBe("https://evil.example/login");
    expect(hostOf(a)).toBe("(evil.example)");
    // Look-alike letters show as what the address really is.
    expect(hostOf(links("[pay here](https://аpple.com)")[0])).toBe("(xn--pple-43d.com)");
  });

  it("links only http(s) and mailto: any other destination stays text", () => {
    for (const text of [
      "[innocent](javascript:alert(1))",
      "[x](data:text/html;base64,PHNjcmlwdD4=)",
      "[x](vbscript:msgbox)",
      "[x](file:///etc/passwd)",
      "[x](ftp://example.com/f)",
      "[profile](/u/alice)",
      "[relative](/rooms/secret)",
    ]) {
      expect(links(text), text).toEqual([]);
      expect(body(text)?.textContent, text).toContain(text.slice(1, 4));
    }
  });

  it("escapes the text and the host", () => {
    const { html } = richText('[<img src=x onerror=alert(1)>](https://example.com/"onmouseover=")', people, rootPaths);
    expect(body('[<img src=x onerror=alert(1)>](https://example.com/"x")')?.querySelector("img")).toBeNull();
    expect(html).not.toContain("<img");
    expect(html).not.toContain('"onmouseover');
  });

  it("keeps @mentions working beside links and lists", () => {
    const { mentions } = richText("- ask @alice\n- [see](https://example.com) @bob @Alice", people, rootPaths);
    expect(mentions).toEqual(["alice", "bob"]);
    // Pages find mentions of their reader by name, not by the address under some base path.
    expect(body("ask @Alice")?.querySelector("a.mention")?.getAttribute("data-mention")).toBe("alice");
    expect([...(body("- ask @alice")?.querySelectorAll("a.mention") ?? [])].map((a) => a.textContent)).toEqual([
      "@alice",
    ]);
  });
});

describe("what stays off", () => {
  it("renders no raw HTML, headings, tables or images", () => {
    for (const text of [
      "# title\nnext",
      "<b>x</b>\n- y",
      "| a |\n|---|\n| b |",
      "![cat](https://example.com/cat.png)",
    ]) {
      expect(body(text)?.querySelector("h1, b, table, img"), text).toBeNull();
    }
  });
});
