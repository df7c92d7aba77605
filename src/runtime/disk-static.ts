import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { staticManifest } from "../../views/static-manifest.ts";
import { type StaticSource, staticFiles } from "../http/static-files.ts";

// static/ sits two folders up both in the checkout and in the package's compiled lib/.
const root = new URL("../../", import.meta.url);
// htmx.org is a dependency: in a host app npm hoists it beside Parley, so find it as a module.
const resolve = createRequire(import.meta.url).resolve;
const locate = (source: string) =>
  source.startsWith("static/") ? new URL(source, root) : pathToFileURL(resolve(source));

/** The manifest's files read from disk: Node and Deno. A Map, so no inherited name (`__proto__`) is a file. */
const sources = new Map<string, StaticSource>(
  staticManifest.map(({ name, source, type }) => {
    const url = locate(source);
    return [name, { type, read: () => readFile(url) }];
  }),
);

export const serveStatic = staticFiles(sources);
