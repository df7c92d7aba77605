import { and, desc, eq } from "drizzle-orm";
import type { Dialect } from "./dialect.ts";
import type { ApiTokenQueries } from "./store.ts";
import { toUser, userColumns } from "./user-columns.ts";

export function apiTokenQueries({ db, tables }: Dialect): ApiTokenQueries {
  const { apiTokens, users } = tables;
  const { columns, avatarJoin } = userColumns(tables);
  const tokenColumns = {
    id: apiTokens.id,
    name: apiTokens.name,
    createdAt: apiTokens.createdAt,
    lastUsedAt: apiTokens.lastUsedAt,
  };
  return {
    async create(userId, name, tokenHash) {
      const rows = await db.insert(apiTokens).values({ userId, name, tokenHash }).returning(tokenColumns);
      const token = rows[0];
      if (!token) throw new Error("token insert returned no row");
      return token;
    },

    async listFor(userId) {
      return db.select(tokenColumns).from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.id));
    },

    async use(tokenHash, now) {
      const rows = await db
        .select(columns)
        .from(apiTokens)
        .innerJoin(users, eq(users.id, apiTokens.userId))
        .leftJoin(...avatarJoin)
        .where(eq(apiTokens.tokenHash, tokenHash));
      const user = rows[0] && toUser(rows[0]);
      if (!user) return null;
      await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.tokenHash, tokenHash));
      return user;
    },

    async revoke(userId, id) {
      await db.delete(apiTokens).where(and(eq(apiTokens.userId, userId), eq(apiTokens.id, id)));
    },

    async revokeAll(userId) {
      const rows = await db.delete(apiTokens).where(eq(apiTokens.userId, userId)).returning({ id: apiTokens.id });
      return rows.length;
    },
  };
}
