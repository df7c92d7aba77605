import { parseHTML } from "linkedom";

/** Parses an HTML fragment so tests can assert with CSS selectors, as a browser would see it. */
export function fragment(html: string) {
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${html}</body></html>`);
  return document.body;
}

export interface SeenMessage {
  id: number;
  body: string;
}

/** The messages a page, partial or socket frame shows, in document order. */
export const messagesIn = (html: string): SeenMessage[] =>
  [...fragment(html).querySelectorAll("article[data-message-id]")].map((article) => ({
    id: Number(article.getAttribute("data-message-id")),
    body: article.querySelector(".body")?.textContent ?? "",
  }));

export const idsIn = (html: string) => messagesIn(html).map((message) => message.id);

/** A cheap count of the messages in many frames, for waiting on; assertions use messagesIn(). */
export const countMessagesIn = (frames: string[]) =>
  frames.reduce((sum, frame) => sum + (frame.match(/data-message-id="/g)?.length ?? 0), 0);

/** Whether a socket frame adds or replaces messages (not presence, typing or a refusal). */
export const carriesMessages = (frame: string) => frame.includes("data-message-id=");
