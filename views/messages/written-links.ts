import type MarkdownIt from "markdown-it";
import { escapeHtml } from "../escape.ts";

type Markdown = InstanceType<typeof MarkdownIt>;
type Token = InstanceType<Markdown["core"]["State"]["prototype"]["Token"]>;

// Where a written link may go: the web and mail. Anything else a person writes stays text.
const linkable = /^(?:https?:\/\/|mailto:)/i;

/** A link's address as people compare it: no scheme, no case, no trailing slash. */
const bare = (address: string) =>
  address
    .toLowerCase()
    .replace(/^(?:https?:\/\/|mailto:)/, "")
    .replace(/\/$/, "");

/** Where a link goes, as shown beside it: the host (punycode shows look-alike letters), or the mail address. */
const destination = (href: string) => {
  try {
    if (/^mailto:/i.test(href)) return decodeURIComponent(href.slice("mailto:".length));
    return new URL(href).host;
  } catch {
    return href;
  }
};

/**
 * `[text](url)` links (markdown-it's `link` rule), made honest: a written link's text can say
 * anything, so its destination's host is shown beside it (`text (example.com)`) unless the
 * text already is its address; and only http(s) and mailto links stay links (the rest keep
 * their text). Links found in the text itself (linkify, `<…>`) show their address already.
 */
export function writtenLinks(markdown: Markdown) {
  markdown.core.ruler.after("linkify", "written_links", (state) => {
    for (const block of state.tokens) {
      const children: Token[] | null = block.children;
      if (block.type !== "inline" || !children) continue;
      for (let open = 0; open < children.length; open++) {
        const token = children[open] as Token;
        if (token.type !== "link_open" || token.markup === "linkify" || token.markup === "autolink") continue;
        // Links never nest: the next close is this link's.
        let close = open + 1;
        while (close < children.length && children[close]?.type !== "link_close") close++;
        const href = String(token.attrGet("href") ?? "");
        if (!linkable.test(href)) {
          children.splice(close, 1);
          children.splice(open, 1);
          open--;
          continue;
        }
        const text = children
          .slice(open + 1, close)
          .map((child) => child.content)
          .join("");
        if (bare(text) === bare(href)) continue;
        // A no-break space: the host wraps with its link, never alone onto the next line.
        const space = new state.Token("text", "", 0);
        space.content = "\u00a0";
        const host = new state.Token("link_host", "", 0);
        host.content = destination(href);
        children.splice(close + 1, 0, space, host);
        open = close + 2;
      }
    }
  });
  markdown.renderer.rules.link_host = (tokens, index) =>
    `<span class="link-host">(${escapeHtml(tokens[index]?.content ?? "")})</span>`;
}
