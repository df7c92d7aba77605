import type { Child } from "hono/jsx";

/** Renders a JSX tree to an HTML string (once: callers reuse the string for every recipient). */
export async function render(node: Child): Promise<string> {
  return String(await node);
}
