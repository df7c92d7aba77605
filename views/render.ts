import { type Child, jsx } from "hono/jsx";
import { type Paths, PathsProvider } from "./paths.ts";

/**
 * Renders a JSX tree to an HTML string (once: callers reuse the string for every recipient),
 * with the paths its links and sockets are written under.
 */
export async function render(node: Child, paths: Paths): Promise<string> {
  return String(await jsx(PathsProvider, { value: paths }, node));
}
