/**
 * The sites that may frame a room: exact origins (`https://docs.example.com`, a port where there
 * is one), served as CSP `frame-ancestors`. Exact, not patterns: a wildcard would let any
 * subdomain someone can register or take over frame the room.
 */
export const originRules = { max: 20 } as const;

export type ParsedOrigins = { ok: true; origins: string[] } | { ok: false; error: string };

/** One origin per line; blank lines are skipped, repeats kept once. */
export function parseOrigins(text: string): ParsedOrigins {
  const origins = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const entry = line.trim();
    if (!entry) continue;
    // URL() takes "*" as part of a host name, and CSP would serve it as a pattern.
    if (entry.includes("*")) {
      return {
        ok: false,
        error: `“${entry.slice(0, 80)}”: wildcards are not allowed; list each site's exact origin, like https://docs.example.com`,
      };
    }
    const origin = originOf(entry);
    if (!origin) {
      return { ok: false, error: `“${entry.slice(0, 80)}” is not an origin: write it like https://docs.example.com` };
    }
    origins.add(origin);
  }
  if (origins.size > originRules.max) return { ok: false, error: `At most ${originRules.max} origins.` };
  return { ok: true, origins: [...origins] };
}

/** The origin a line names, or null: http(s) only, no path, query, fragment or credentials. */
function originOf(entry: string): string | null {
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  if (url.username || url.password || url.search || url.hash || (url.pathname !== "/" && url.pathname !== "")) {
    return null;
  }
  // Normalised: "https://Docs.Example.com:443/" is "https://docs.example.com".
  return url.origin;
}
