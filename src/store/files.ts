import { eq } from "drizzle-orm";
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
  };
}
