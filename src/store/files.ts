import { eq } from "drizzle-orm";
import type { Db } from "./db.ts";
import type { StoredFile } from "./records.ts";
import { files } from "./schema.ts";
import type { FileQueries } from "./store.ts";

const fileColumns = {
  hash: files.hash,
  type: files.type,
  width: files.width,
  height: files.height,
  bytes: files.bytes,
};

export function fileQueries(db: Db): FileQueries {
  return {
    /** Records a file written to disk; the row of an earlier upload of the same bytes is kept as it is. */
    async record(file: StoredFile): Promise<void> {
      await db.insert(files).values(file).onConflictDoNothing();
    },

    async find(hash: string): Promise<StoredFile | null> {
      const rows = await db.select(fileColumns).from(files).where(eq(files.hash, hash));
      return (rows[0] as StoredFile | undefined) ?? null;
    },
  };
}
