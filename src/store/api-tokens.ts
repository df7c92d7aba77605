import { and, desc, eq } from "drizzle-orm";
import type { Db } from "./db.ts";
import type { ApiToken, User } from "./records.ts";
import { apiTokens, users } from "./schema.ts";
import type { ApiTokenQueries } from "./store.ts";
import { avatarJoin, toUser, userColumns } from "./user-columns.ts";

const tokenColumns = {
  id: apiTokens.id,
  name: apiTokens.name,
  createdAt: apiTokens.createdAt,
  lastUsedAt: apiTokens.lastUsedAt,
};

export function apiTokenQueries(db: Db): ApiTokenQueries {
  return {
    async create(userId: number, name: string, tokenHash: string): Promise<ApiToken> {
      const rows = await db.insert(apiTokens).values({ userId, name, tokenHash }).returning(tokenColumns);
      const token = rows[0];
      if (!token) throw new Error("token insert returned no row");
      return token;
    },

    async listFor(userId: number): Promise<ApiToken[]> {
      return db.select(tokenColumns).from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.id));
    },

    /** The token's owner; records the use so the settings page can show it. */
    async use(tokenHash: string, now: Date): Promise<User | null> {
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

    async revoke(userId: number, id: number): Promise<void> {
      await db.delete(apiTokens).where(and(eq(apiTokens.userId, userId), eq(apiTokens.id, id)));
    },

    async revokeAll(userId: number): Promise<number> {
      const rows = await db.delete(apiTokens).where(eq(apiTokens.userId, userId)).returning({ id: apiTokens.id });
      return rows.length;
    },
  };
}
