import { createRoom, signUp } from "../../scripts/parley-http.ts";

/**
 * Parley's clients come in through the real HTTP routes, as the tests' do: sign up, then create
 * rooms. Benchmark users share a run-unique prefix.
 */

/** `users` signed-up accounts and `rooms` rooms (slugs); sign-ups run a few at a time (argon2id is slow on purpose). */
export async function parleySetup(url: string, users: number, rooms: number) {
  const prefix = `b${Date.now().toString(36)}`;
  const cookies: string[] = [];
  for (let i = 0; i < users; i += 4) {
    const batch = Array.from({ length: Math.min(4, users - i) }, (_, j) => signUp(url, `${prefix}_${i + j}`));
    cookies.push(...(await Promise.all(batch)));
  }
  const slugs: string[] = [];
  // Room r is made by its own person (r mod users), who is in it anyway (bench/load/clients.ts):
  // made by one person, every room would count that person's unread news on each of their pages.
  for (let r = 0; r < rooms; r++)
    slugs.push(await createRoom(url, cookies[r % users] as string, `${prefix} room ${r}`));
  return { cookies, slugs };
}
