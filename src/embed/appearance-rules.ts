/**
 * How the embedding site wants the room to look, from the frame's query: `theme`
 * (light, dark or auto: the visitor's system), `accent` (a hex colour), and `host`, the
 * embedding page's origin, to which the frame reports its height (only an allowed origin).
 */
export interface Appearance {
  theme: "light" | "dark" | "auto";
  /** `#rrggbb`, or null for Parley's own. */
  accent: string | null;
  host: string | null;
}

const hex = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i;

export function appearanceOf(query: Record<string, string | undefined>, allowedOrigins: string[]): Appearance {
  const theme = query.theme === "light" || query.theme === "dark" ? query.theme : "auto";
  const match = hex.exec(query.accent ?? "");
  const digits = match?.[1] ?? null;
  const accent = digits
    ? `#${(digits.length === 3 ? [...digits].map((d) => d + d).join("") : digits).toLowerCase()}`
    : null;
  const host = query.host && allowedOrigins.includes(query.host) ? query.host : null;
  return { theme, accent, host };
}

/** The same appearance as query parameters: redirects and forms inside the frame keep it. */
export function appearanceParams({ theme, accent, host }: Appearance): Record<string, string> {
  return {
    ...(theme !== "auto" && { theme }),
    ...(accent && { accent: accent.slice(1) }),
    ...(host && { host }),
  };
}

/** Text on the accent: black or white, whichever reads better (WCAG relative luminance). */
export function inkOn(accent: string): "#000" | "#fff" {
  const channel = (i: number) => {
    const c = Number.parseInt(accent.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return luminance > 0.179 ? "#000" : "#fff";
}
