import type MarkdownIt from "markdown-it";

/**
 * Quotes and list items end at their own lines, as in Slack and Discord: the answer typed on
 * the line under a quote or a list is the person's own words, not more of the last item.
 * CommonMark would carry such a line on ("lazy continuation"). markdown-it ends a block wherever
 * a rule of its terminator list could start; these rules only ever say "here", and parse nothing.
 */
export function chatBlocks(markdown: InstanceType<typeof MarkdownIt>) {
  // Inside a quote, every line that is not quoted ends it (quoted lines never reach this list).
  markdown.block.ruler.before("paragraph", "quote_ends", (_state, _start, _end, silent) => silent, {
    alt: ["blockquote"],
  });
  // A line that starts left of the text it would continue ends that paragraph: only inside a
  // list item is the text indented (blkIndent), so top-level paragraphs go on as before.
  markdown.block.ruler.before(
    "paragraph",
    "list_item_ends",
    (state, line, _end, silent) => silent && (state.sCount[line] ?? 0) < state.blkIndent,
    { alt: ["paragraph"] },
  );
}
