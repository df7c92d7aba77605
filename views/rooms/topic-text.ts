import MarkdownIt from "markdown-it";
import { untrustedLinkRel } from "../messages/rich-text.ts";

/**
 * A room's topic in the same safe inline markdown as messages: `*emphasis*`, `**bold**`,
 * `` `code` `` and bare links, raw HTML shown as text. Inline only: a topic is one line. No
 * @mentions: a topic names no one's profile.
 */
const linked = new MarkdownIt("zero", { html: false, linkify: true })
  .enable(["emphasis", "backticks", "escape", "linkify"])
  .disable(["html_inline"], true);
linked.linkify.set({ fuzzyLink: true, fuzzyEmail: false });
linked.renderer.rules.link_open = (tokens, index, options, _env, self) => {
  // Untrusted links, as in messages: no opener, no SEO credit, marked as user content.
  tokens[index]?.attrSet("rel", untrustedLinkRel);
  tokens[index]?.attrSet("target", "_blank");
  return self.renderToken(tokens, index, options);
};

// Where the topic sits inside a link already (home's room cards): a link in a link is invalid
// HTML, and a click there means the room.
const unlinked = new MarkdownIt("zero", { html: false }).enable(["emphasis", "backticks", "escape"]);

/** The topic as HTML, escaped: with its links (the room's header) or without (inside a room's link). */
export const topicHtml = (topic: string, { links }: { links: boolean }) =>
  (links ? linked : unlinked).renderInline(topic);
