import type { MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import { secureHeaders } from "hono/secure-headers";
import type { AppEnv } from "../app-env.ts";

type SecureHeadersOptions = NonNullable<Parameters<typeof secureHeaders>[0]>;

/**
 * A strict Content-Security-Policy: scripts and styles only from our own files, no inline
 * script, no inline style attribute, no eval. htmx 4 runs under it: it compiles code only for
 * `hx-on`, `js:` values and trigger filters, which Parley does not use (an injected `hx-on`
 * therefore cannot run), and its indicator styles are turned off in the layout's htmx-config
 * and live in app.css. `connect-src 'self'` covers the room's same-origin WebSocket.
 */
export const contentSecurityPolicy = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'"],
  connectSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  objectSrc: ["'none'"],
};

/**
 * Pictures a host app links to (the kit's identify: avatarUrl) may be on any https origin: only
 * then do pages load images from beyond their own. Images run no code.
 */
export interface PolicyOptions {
  linkedPictures?: boolean;
}

const policyWith = ({ linkedPictures = false }: PolicyOptions) => ({
  ...contentSecurityPolicy,
  imgSrc: linkedPictures ? [...contentSecurityPolicy.imgSrc, "https:"] : contentSecurityPolicy.imgSrc,
});

const strict = (options: PolicyOptions): SecureHeadersOptions => ({
  contentSecurityPolicy: policyWith(options),
  crossOriginEmbedderPolicy: false,
  xFrameOptions: "DENY",
  permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [] },
  overwrite: false,
});

/** Mounted where embeds are served (`/embed/*`), before securityHeaders: no X-Frame-Options there. */
export const framable = createMiddleware<AppEnv>(async (c, next) => {
  c.set("framable", true);
  await next();
});

/**
 * On every response, static files and error pages included. A route may set its own policy
 * (an embed names its hosts as frame ancestors): what a handler set is kept.
 */
export const securityHeaders = (options: PolicyOptions = {}): MiddlewareHandler<AppEnv> => {
  // Embeds (src/embed/) are framed by other sites: CSP `frame-ancestors` alone says by which.
  const embeds = secureHeaders({ ...strict(options), xFrameOptions: false });
  const everywhere = secureHeaders(strict(options));
  return (c, next) => (c.get("framable") ? embeds(c, next) : everywhere(c, next));
};

/**
 * The strict policy with other frame ancestors (none when the list is empty) and a nonce for
 * one style element: an embed's accent colour, chosen by the embedding site.
 */
export function framedPolicy(ancestors: string[], styleNonce: string, options: PolicyOptions = {}): string {
  const policy: Record<string, string[]> = {
    ...policyWith(options),
    styleSrc: [...contentSecurityPolicy.styleSrc, `'nonce-${styleNonce}'`],
    frameAncestors: ancestors.length ? ancestors : ["'none'"],
  };
  return Object.entries(policy)
    .map(([name, values]) => `${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)} ${values.join(" ")}`)
    .join("; ");
}
