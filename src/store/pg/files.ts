import { eq } from "drizzle-orm";
import type { StoredFile } from "../records.ts";
import type { FileQueries } from "../store.ts";
import type { PgDb } from "./db.ts";
import { files } from "./schema.ts";

const fileColumns = {
  hash: files.hash,
  type: files.type,
  width: files.width,
  height: files.height,
  bytes: files.bytes,
};

export function fileQueries(db: PgDb): FileQueries {
  return {
    async record(file) {
      await db.insert(files).values(file).onConflictDoNothing();
    },

    async find(hash) {
      const rows = await db.select(fileColumns).from(files).where(eq(files.hash, hash));
      return (rows[0] as StoredFile | undefined) ?? null;
    },
  };
}
