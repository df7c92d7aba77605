/**
 * Parley's clients come in through the real HTTP routes: sign up (form post with Origin, 303 and
 * a session cookie), create rooms (303 to /rooms/<slug>). Benchmark users share a run-unique prefix.
 */
export async function signUp(url: string, username: string): Promise<string> {
  const response = await fetch(`${url}/signup`, {
    method: "POST",
    body: new URLSearchParams({ username, password: "bench password, long enough" }),
    headers: { origin: url },
    redirect: "manual",
  });
  const cookie = response.headers
    .getSetCookie()
    .find((c) => c.startsWith("parley_session="))
    ?.split(";")[0];
  if (response.status !== 303 || !cookie) throw new Error(`sign-up of ${username} failed: ${response.status}`);
  return cookie;
}

export async function createRoom(url: string, cookie: string, name: string): Promise<string> {
  const response = await fetch(`${url}/rooms`, {
    method: "POST",
    body: new URLSearchParams({ name }),
    headers: { origin: url, cookie },
    redirect: "manual",
  });
  const location = response.headers.get("location");
  if (response.status !== 303 || !location) throw new Error(`room ${name} was not created: ${response.status}`);
  return location.replace("/rooms/", "");
}

/** `users` signed-up accounts and `rooms` rooms (slugs); sign-ups run a few at a time (argon2id is slow on purpose). */
export async function parleySetup(url: string, users: number, rooms: number) {
  const prefix = `b${Date.now().toString(36)}`;
  const cookies: string[] = [];
  for (let i = 0; i < users; i += 4) {
    const batch = Array.from({ length: Math.min(4, users - i) }, (_, j) => signUp(url, `${prefix}_${i + j}`));
    cookies.push(...(await Promise.all(batch)));
  }
  const slugs: string[] = [];
  for (let r = 0; r < rooms; r++) slugs.push(await createRoom(url, cookies[0] as string, `${prefix} room ${r}`));
  return { cookies, slugs };
}
