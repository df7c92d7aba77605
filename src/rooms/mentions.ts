// The mention links the message partial renders (views/messages/rich-text.ts): what readers see
// as a mention is exactly what counts as one.
const mentionLink = /<a href="\/u\/([a-z0-9_-]+)" class="mention">/g;

/** The usernames a rendered message fragment mentions, once each. */
export function mentionedIn(fragment: string): string[] {
  return [...new Set([...fragment.matchAll(mentionLink)].map((match) => match[1] as string))];
}
