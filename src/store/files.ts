import { eq, sql } from "drizzle-orm";
import type { Dialect } from "./dialect.ts";
import type { StoredFile } from "./records.ts";
import type { FileQueries } from "./store.ts";

export function fileQueries({ db, tables: { files } }: Dialect): FileQueries {
  const fileColumns = {
    hash: files.hash,
    type: files.type,
    width: files.width,
    height: files.height,
    bytes: files.bytes,
  };
  return {
    /** The row of an earlier upload of the same bytes is kept as it is. */
    async record(file) {
      await db.insert(files).values(file).onConflictDoNothing();
    },

    async find(hash) {
      const rows = await db.select(fileColumns).from(files).where(eq(files.hash, hash));
      return (rows[0] as StoredFile | undefined) ?? null;
    },

    // Spelled out with table names: these subqueries stand alone, no drizzle select around them.
    async audience(hash, viewer) {
      const everyone = sql<number>`(EXISTS (SELECT 1 FROM "users" AS u WHERE u."avatar" = ${hash}) OR EXISTS (SELECT 1 FROM "messages" AS m JOIN "rooms" AS r ON r."id" = m."room_id" WHERE m."image" = ${hash} AND r."visibility" = 'public'))`;
      const members = sql<number>`(EXISTS (SELECT 1 FROM "messages" AS m JOIN "memberships" AS s ON s."room_id" = m."room_id" AND s."user_id" = ${viewer ?? null} WHERE m."image" = ${hash} AND NOT EXISTS (SELECT 1 FROM "room_bans" AS b WHERE b."room_id" = m."room_id" AND b."user_id" = ${viewer ?? null})))`;
      const [row] = await db.select({ everyone, members }).from(files).where(eq(files.hash, hash));
      // SQLite answers 1 or 0, PostgreSQL true or false: Number() reads both.
      if (Number(row?.everyone) === 1) return "everyone";
      return viewer !== null && Number(row?.members) === 1 ? "members" : null;
    },
  };
}
