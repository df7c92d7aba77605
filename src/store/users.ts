import { asc, count, eq, inArray } from "drizzle-orm";
import type { Dialect } from "./dialect.ts";
import type { UserQueries } from "./store.ts";
import { toUser, userColumns } from "./user-columns.ts";

/** What `/settings/profile` changes; an `avatar` left undefined keeps the current one, null removes it. */
export type ProfileChange = { displayName: string | null; bio: string; avatar?: string | null };

export function userQueries({ db, tables }: Dialect): UserQueries {
  const { users } = tables;
  const { columns, avatarJoin } = userColumns(tables);
  return {
    async create(username, passwordHash) {
      const rows = await db
        .insert(users)
        .values({ username: username.toLowerCase(), passwordHash })
        .onConflictDoNothing()
        .returning({ id: users.id, username: users.username, createdAt: users.createdAt });
      const row = rows[0];
      return row
        ? { ...row, displayName: null, bio: "", avatar: null, kind: "account" as const, deactivatedAt: null }
        : null;
    },

    async findByUsername(username) {
      const rows = await db
        .select({ ...columns, passwordHash: users.passwordHash })
        .from(users)
        .leftJoin(...avatarJoin)
        .where(eq(users.username, username.toLowerCase()));
      const row = rows[0];
      return row ? { ...toUser(row), passwordHash: row.passwordHash } : null;
    },

    async existing(usernames) {
      const wanted = [...new Set(usernames.map((name) => name.toLowerCase()))];
      if (wanted.length === 0) return [];
      const rows = await db.select({ username: users.username }).from(users).where(inArray(users.username, wanted));
      return rows.map((row) => row.username);
    },

    async findById(id) {
      const rows = await db
        .select(columns)
        .from(users)
        .leftJoin(...avatarJoin)
        .where(eq(users.id, id));
      return rows[0] ? toUser(rows[0]) : null;
    },

    async setProfile(id, change) {
      await db.update(users).set(change).where(eq(users.id, id));
    },

    async passwordHashOf(id) {
      const rows = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, id));
      return rows[0]?.passwordHash ?? null;
    },

    async setPasswordHash(id, passwordHash) {
      await db.update(users).set({ passwordHash }).where(eq(users.id, id));
    },

    async createEmbedded(person) {
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

    async setDeactivated(id, at) {
      await db.update(users).set({ deactivatedAt: at }).where(eq(users.id, id));
    },

    async firstAccountId() {
      const rows = await db
        .select({ id: users.id })
        .from(users)
        .where(eq(users.kind, "account"))
        .orderBy(asc(users.id))
        .limit(1);
      return rows[0]?.id ?? null;
    },

    async page({ limit, offset }) {
      const rows = await db
        .select(columns)
        .from(users)
        .leftJoin(...avatarJoin)
        .orderBy(asc(users.id))
        .limit(limit)
        .offset(offset);
      const [all] = await db.select({ n: count() }).from(users);
      return { items: rows.map(toUser), total: Number(all?.n ?? 0) };
    },
  };
}
