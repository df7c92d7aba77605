import { parseHTML } from "linkedom";

/** Parses an HTML fragment so tests can assert with CSS selectors, as a browser would see it. */
export function fragment(html: string) {
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${html}</body></html>`);
  return document.body;
}
