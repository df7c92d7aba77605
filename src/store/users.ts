import { eq, inArray } from "drizzle-orm";
import type { Db } from "./db.ts";
import type { User } from "./records.ts";
import { users } from "./schema.ts";
import type { UserQueries } from "./store.ts";
import { avatarJoin, toUser, userColumns } from "./user-columns.ts";

/** What `/settings/profile` changes; an `avatar` left undefined keeps the current one, null removes it. */
export type ProfileChange = { displayName: string | null; bio: string; avatar?: string | null };

export function userQueries(db: Db): UserQueries {
  return {
    /** Null when the username is taken (usernames are compared lower-case). */
    async create(username: string, passwordHash: string): Promise<User | null> {
      const rows = await db
        .insert(users)
        .values({ username: username.toLowerCase(), passwordHash })
        .onConflictDoNothing()
        .returning({ id: users.id, username: users.username, createdAt: users.createdAt });
      const row = rows[0];
      return row ? { ...row, displayName: null, bio: "", avatar: null, kind: "account" as const } : null;
    },

    async findByUsername(username: string): Promise<(User & { passwordHash: string }) | null> {
      const rows = await db
        .select({ ...userColumns, passwordHash: users.passwordHash })
        .from(users)
        .leftJoin(...avatarJoin)
        .where(eq(users.username, username.toLowerCase()));
      const row = rows[0];
      return row ? { ...toUser(row), passwordHash: row.passwordHash } : null;
    },

    async existing(usernames: string[]): Promise<string[]> {
      const wanted = [...new Set(usernames.map((name) => name.toLowerCase()))];
      if (wanted.length === 0) return [];
      const rows = await db.select({ username: users.username }).from(users).where(inArray(users.username, wanted));
      return rows.map((row) => row.username);
    },

    async findById(id: number): Promise<User | null> {
      const rows = await db
        .select(userColumns)
        .from(users)
        .leftJoin(...avatarJoin)
        .where(eq(users.id, id));
      return rows[0] ? toUser(rows[0]) : null;
    },

    /** `avatar` is a stored file's hash: its row must exist first (a foreign key). */
    async setProfile(id: number, change: ProfileChange): Promise<void> {
      await db.update(users).set(change).where(eq(users.id, id));
    },

    async passwordHashOf(id: number): Promise<string | null> {
      const rows = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, id));
      return rows[0]?.passwordHash ?? null;
    },

    async setPasswordHash(id: number, passwordHash: string): Promise<void> {
      await db.update(users).set({ passwordHash }).where(eq(users.id, id));
    },

    async createEmbedded(person: Parameters<UserQueries["createEmbedded"]>[0]): Promise<User | null> {
      const { username, displayName, kind, externalId = null, avatarUrl = null } = person;
      // No password can match an empty hash, and log-in refuses every kind but "account" anyway.
      const values = { username, displayName, kind, externalId, avatarUrl, passwordHash: "" };
      const insert = db.insert(users).values(values);
      const rows = await (externalId
        ? insert.onConflictDoUpdate({ target: users.externalId, set: { displayName, avatarUrl } })
        : insert.onConflictDoNothing()
      ).returning({ id: users.id });
      return rows[0] ? this.findById(rows[0].id) : null;
    },
  };
}
