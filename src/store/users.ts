import { eq } from "drizzle-orm";
import type { Db } from "./db.ts";
import type { User } from "./records.ts";
import { users } from "./schema.ts";

const userColumns = { id: users.id, username: users.username, createdAt: users.createdAt };

export function userQueries(db: Db) {
  return {
    /** Null when the username is taken (usernames are compared lower-case). */
    async create(username: string, passwordHash: string): Promise<User | null> {
      const rows = await db
        .insert(users)
        .values({ username: username.toLowerCase(), passwordHash })
        .onConflictDoNothing()
        .returning(userColumns);
      return rows[0] ?? null;
    },

    async findByUsername(username: string): Promise<(User & { passwordHash: string }) | null> {
      const rows = await db
        .select({ ...userColumns, passwordHash: users.passwordHash })
        .from(users)
        .where(eq(users.username, username.toLowerCase()));
      return rows[0] ?? null;
    },

    async passwordHashOf(id: number): Promise<string | null> {
      const rows = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, id));
      return rows[0]?.passwordHash ?? null;
    },

    async setPasswordHash(id: number, passwordHash: string): Promise<void> {
      await db.update(users).set({ passwordHash }).where(eq(users.id, id));
    },
  };
}
