import { join } from "node:path";
import { digest, randomToken } from "../../src/accounts/secrets.ts";
import { openSqlite } from "../../src/store/drivers/bun.ts";
import type { ParleyAccounts } from "../job.ts";
import type { Population } from "./day-plan.ts";

/**
 * The day's people, rooms and memberships, written through Parley's own store into `dataDir`
 * before the measured server starts: 10,000 sign-ups through /signup would hash 10,000 passwords
 * (argon2id, 64 MB and tens of ms each), which is minutes of setup and no part of a day's load.
 * Each person gets a real session, as a log-in makes one (a random token, its digest stored), so
 * the measured server still authenticates every socket from its cookie. Everyone shares one real
 * password hash: nobody logs in by password here.
 */
export async function writeDayAccounts(dataDir: string, people: Population): Promise<ParleyAccounts> {
  const store = await openSqlite(join(dataDir, "parley.db"));
  try {
    const passwordHash = await Bun.password.hash("a long enough secret", { algorithm: "argon2id" });
    const expires = new Date(Date.now() + 7 * 24 * 60 * 60 * 1000);
    const users: number[] = [];
    const cookies: string[] = [];
    for (let person = 0; person < people.people; person++) {
      const user = await store.users.create(`day${person}`, passwordHash);
      if (!user) throw new Error(`day${person} exists already`);
      const token = randomToken();
      await store.sessions.create(await digest(token), user.id, expires);
      users.push(user.id);
      cookies.push(`parley_session=${token}`);
    }
    const slugs: string[] = [];
    for (const [r, sockets] of people.rooms.entries()) {
      const members = sockets.map((s) => users[people.sockets[s]?.person as number] as number);
      const room = await store.rooms.create({
        name: `Day room ${r}`,
        slug: `day-room-${r}`,
        topic: "",
        createdBy: members[0] as number,
      });
      if (!room) throw new Error(`day-room-${r} exists already`);
      for (const member of members) await store.rooms.join(room.id, member);
      slugs.push(room.slug);
    }
    return { cookies, slugs };
  } finally {
    await store.close();
  }
}
