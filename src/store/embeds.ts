import { eq, lte } from "drizzle-orm";
import type { Dialect } from "./dialect.ts";
import type { EmbedSettings } from "./records.ts";
import type { EmbedQueries } from "./store.ts";

/** Origins are stored one per line, as the settings form takes them. */
const toSettings = (row: { allowedOrigins: string; guests: boolean; secret: string }): EmbedSettings => ({
  allowedOrigins: row.allowedOrigins.split("\n").filter(Boolean),
  guests: row.guests,
  secret: row.secret,
});

export function embedQueries({ db, tables }: Dialect): EmbedQueries {
  const { roomEmbeds, usedEmbedTokens } = tables;
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
