import MarkdownIt from "markdown-it";
import { usernameRules } from "../../src/accounts/credential-rules.ts";
import { escapeHtml } from "../escape.ts";
import type { Paths } from "../paths.ts";
import { chatBlocks } from "./chat-blocks.ts";
import { writtenLinks } from "./written-links.ts";

/**
 * Chat formatting, rendered once on the server into the fragment every reader gets: bare
 * links made clickable, `**bold**`, `*italic*`, `~~struck~~`, `` `code` ``, fenced code
 * blocks, lists, `> quotes` and line breaks. Raw HTML is off (markup in a message shows as
 * text). `[text](url)` links show their host beside them (written-links.ts), so a link always
 * shows where it goes. Headings, tables and images stay off: a chat line is not a document.
 */
const markdown = new MarkdownIt("zero", { html: false, linkify: true, breaks: true })
  .enable(["emphasis", "strikethrough", "backticks", "fence", "newline", "escape", "linkify", "autolink"])
  .enable(["list", "blockquote", "link"])
  .disable(["html_inline"], true)
  .use(chatBlocks)
  .use(writtenLinks);
// Only the web, mail and the mentions below may be link destinations (markdown-it's own check
// only refuses script and data URLs); written-links.ts keeps written links to http(s) and mailto.
markdown.validateLink = (url) => /^(?:https?:\/\/|mailto:|\/u\/)/i.test(url);
// "example.com" links as people expect; "name@host" stays text (no surprise mailto: links).
markdown.linkify.set({ fuzzyLink: true, fuzzyEmail: false });

/**
 * How a mention names its person: the link's `data-mention`, which pages match against their
 * reader's (their data-me-mention), whatever the link's address looks like under a base path.
 */
export const mentionName = (username: string) => username.toLowerCase();

/** The profile path an @mention links to, before the base path (`Paths.to` adds it). */
const mentionHref = (username: string) => `/u/${mentionName(username)}` as const;

// @username becomes a link to that person (linkify-it's own extension point for mentions). Not
// after a word character or a dot, so "name@example.com" stays text.
const mentionTail = new RegExp(`^[a-z0-9_-]{${usernameRules.min},${usernameRules.max}}(?![a-z0-9_-])`, "i");
markdown.linkify.add("@", {
  validate: (text, pos) => {
    if (pos >= 2 && /[\w.]/.test(text[pos - 2] ?? "")) return 0;
    return mentionTail.exec(text.slice(pos))?.[0].length ?? 0;
  },
  normalize: (match) => {
    match.url = mentionHref(match.url.slice(1));
  },
});

/** What links people wrote carry: no opener, no SEO credit, marked as user content. */
export const untrustedLinkRel = "noopener nofollow ugc";

// Only people who exist are linked: "@nobody" stays text, so readers never meet a link to a
// missing profile, and nothing counts as a mention of no one. `env.people` holds the usernames
// (lower-case) that exist among those the text names, looked up before rendering.
markdown.core.ruler.after("linkify", "known_mentions", (state) => {
  const people: ReadonlySet<string> = (state.env as MentionEnv).people;
  for (const block of state.tokens) {
    const children = block.children;
    if (!children) continue;
    for (let i = 0; i < children.length; i++) {
      const open = children[i];
      if (open?.type !== "link_open" || open.markup !== "linkify") continue;
      const href = String(open.attrGet("href") ?? "");
      if (!href.startsWith("/u/") || people.has(href.slice(3))) continue;
      // link_open, its text, link_close: the text alone stays.
      children.splice(i, 3, ...children.slice(i + 1, i + 2));
    }
  }
});

/**
 * `to` writes a mention's path under the app's base path, as it is rendered; `mentions` gathers
 * the usernames linked, once each.
 */
type MentionEnv = { people: ReadonlySet<string>; to: Paths["to"]; mentions: string[] };

const linkOpen = markdown.renderer.rules.link_open;
markdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
  const token = tokens[index];
  const href = String(token?.attrGet("href") ?? "");
  if (href.startsWith("/u/")) {
    const { to, mentions } = env as MentionEnv;
    const username = href.slice(3);
    token?.attrSet("href", to(href as `/${string}`));
    token?.attrSet("class", "mention");
    // The page finds mentions of its reader by this name, whatever the address looks like.
    token?.attrSet("data-mention", username);
    if (!mentions.includes(username)) mentions.push(username);
  } else {
    // Untrusted links: no Referer-borne opener, no SEO credit, marked as user content.
    token?.attrSet("rel", untrustedLinkRel);
    token?.attrSet("target", "_blank");
  }
  return linkOpen ? linkOpen(tokens, index, options, env, self) : self.renderToken(tokens, index, options);
};

// A code block keeps its lines and scrolls sideways when they are long: a tab stop lets a
// keyboard scroll it too (app.css shows its focus).
const fence = markdown.renderer.rules.fence;
markdown.renderer.rules.fence = (tokens, index, options, env, self) =>
  (fence ? fence(tokens, index, options, env, self) : self.renderToken(tokens, index, options)).replace(
    /^<pre>/,
    '<pre tabindex="0">',
  );

// Text with none of these cannot format or link: most chat lines, sent without the parser. A
// one-line list or quote starts the text ("- ", "1. ", "> ").
const mayFormat = /[*_~`\\\n<@]|[a-z0-9]\.[a-z]{2}|:\/\/|^ {0,3}(?:>|[-+] |\d{1,9}[.)] )/i;

/** A message's text as rendered, and the usernames (lower-case) it links as @mentions. */
export interface RichText {
  html: string;
  /** Exactly who readers see mentioned: what the store counts as mentions. */
  mentions: readonly string[];
}

const noMentions: readonly string[] = Object.freeze([]);

/**
 * A message's text as HTML: escaped plain text in one paragraph, or formatted markdown.
 * `people`: the usernames (lower-case) that exist among those it @mentions; only they link,
 * under `paths`.
 */
export function richText(body: string, people: ReadonlySet<string>, paths: Paths): RichText {
  if (!mayFormat.test(body)) return { html: `<p class="body">${escapeHtml(body)}</p>`, mentions: noMentions };
  const env: MentionEnv = { people, to: paths.to, mentions: [] };
  return { html: `<div class="body">${markdown.render(body, env).trimEnd()}</div>`, mentions: env.mentions };
}
