import { eq, lte } from "drizzle-orm";
import { toSettings } from "../embeds.ts";
import type { EmbedQueries } from "../store.ts";
import type { PgDb } from "./db.ts";
import { roomEmbeds, usedEmbedTokens } from "./schema.ts";

/** The SQLite adapter's queries in PostgreSQL's dialect (see `../embeds.ts`). */
export function embedQueries(db: PgDb): EmbedQueries {
  const settings = async (roomId: number) => {
    const [row] = await db.select().from(roomEmbeds).where(eq(roomEmbeds.roomId, roomId));
    return row ? toSettings(row) : null;
  };
  return {
    settings,

    async save(roomId, { allowedOrigins, guests }, secret) {
      const change = { allowedOrigins: allowedOrigins.join("\n"), guests };
      await db
        .insert(roomEmbeds)
        .values({ roomId, secret, ...change })
        .onConflictDoUpdate({ target: roomEmbeds.roomId, set: change });
      const saved = await settings(roomId);
      if (!saved) throw new Error(`embed settings of room ${roomId} were not saved`);
      return saved;
    },

    async setSecret(roomId, secret) {
      await db.update(roomEmbeds).set({ secret }).where(eq(roomEmbeds.roomId, roomId));
    },

    async claimToken(digest, expiresAt, now) {
      await db.delete(usedEmbedTokens).where(lte(usedEmbedTokens.expiresAt, now));
      const rows = await db
        .insert(usedEmbedTokens)
        .values({ digest, expiresAt })
        .onConflictDoNothing()
        .returning({ digest: usedEmbedTokens.digest });
      return rows.length === 1;
    },
  };
}
