import { and, desc, eq } from "drizzle-orm";
import type { ApiTokenQueries } from "../store.ts";
import { toUser } from "../user-columns.ts";
import type { PgDb } from "./db.ts";
import { apiTokens, users } from "./schema.ts";
import { avatarJoin, userColumns } from "./user-columns.ts";

const tokenColumns = {
  id: apiTokens.id,
  name: apiTokens.name,
  createdAt: apiTokens.createdAt,
  lastUsedAt: apiTokens.lastUsedAt,
};

export function apiTokenQueries(db: PgDb): ApiTokenQueries {
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
        .select(userColumns)
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
