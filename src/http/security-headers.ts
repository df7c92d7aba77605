import { secureHeaders } from "hono/secure-headers";

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
 * On every response, static files and error pages included. A route may set its own policy
 * (embeds will allow their hosts as frame ancestors): what a handler set is kept.
 */
export const securityHeaders = () =>
  secureHeaders({
    contentSecurityPolicy,
    crossOriginEmbedderPolicy: false,
    xFrameOptions: "DENY",
    permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [] },
    overwrite: false,
  });
