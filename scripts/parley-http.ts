/**
 * Parley over HTTP as a script drives it (fetch only, so the tests under Node and the benchmark
 * under Bun share it): every call carries the site's own Origin, which csrf() requires of a form
 * post, and the session cookie that signing up sets; redirects are answers, not followed.
 */

/** Sends one request: fetch over the network, or an in-process app's `request`. */
export type Send = (request: Request) => Response | Promise<Response>;

export const defaultPassword = "a long enough secret";

/** Calls `url` as a browser of that site would, signed in when given the session cookie. */
export function caller(url: string, cookie?: string, send: Send = fetch) {
  return (path: string, init: RequestInit = {}) => {
    const headers = new Headers({ origin: new URL(url).origin, ...(cookie ? { cookie } : {}) });
    for (const [name, value] of new Headers(init.headers)) headers.set(name, value);
    return send(new Request(`${url}${path}`, { ...init, headers, redirect: "manual" }));
  };
}

const form = (fields: Record<string, string>) => ({ method: "POST", body: new URLSearchParams(fields) });

/** The `parley_session=…` pair a response sets, ready for a Cookie header. */
export const sessionCookie = (response: Response) =>
  response.headers
    .getSetCookie()
    .find((c) => c.startsWith("parley_session="))
    ?.split(";")[0];

/** Signs a new account up through the form and returns its session cookie. */
export async function signUp(url: string, username: string, password = defaultPassword, send: Send = fetch) {
  const response = await caller(url, undefined, send)("/signup", form({ username, password }));
  const cookie = sessionCookie(response);
  if (response.status !== 303 || !cookie) {
    throw new Error(`sign-up of ${username} failed: ${response.status} ${await response.text()}`);
  }
  return cookie;
}

/** Creates a room through the form and returns its slug. */
export async function createRoom(url: string, cookie: string, name: string) {
  const response = await caller(url, cookie)("/rooms", form({ name }));
  const location = response.headers.get("location");
  if (response.status !== 303 || !location) throw new Error(`room ${name} was not created: ${response.status}`);
  return location.replace("/rooms/", "");
}
