import { createHash } from "node:crypto";
import type { StoredFile } from "../store/records.ts";
import type { Store } from "../store/store.ts";
import { type FileFolder, isDiskFull } from "./file-folder.ts";
import { fileName } from "./image-rules.ts";
import { inspectImage } from "./inspect-image.ts";

export type Upload =
  | { ok: true; file: StoredFile }
  | { ok: false; reason: "too-large" | "not-an-image" | "disk-full"; error: string };

/** How each refused upload is answered over HTTP: too large, not an image, no room on the disk. */
export const uploadStatus = { "too-large": 413, "not-an-image": 415, "disk-full": 507 } as const;

/**
 * Stores uploaded images: checked from their bytes (src/files/inspect-image.ts), kept once per
 * content on disk and once per content in the `files` table.
 *
 * No orphans, by order: the file is written whole first (temporary name, then rename), the row
 * second, so a row never names a missing file. If the row cannot be written (disk full, database
 * locked), the file is deleted only when this upload created it: a file that was already there
 * may be the one an existing row names, and is left alone. Uploads of the same bytes in this
 * instance take turns, so one cannot delete the file another has just recorded. Left open: two
 * instances storing the same bytes in the same instant, one whose row write fails while the
 * other's succeeds; a sweep for rows without files would close it.
 *
 * Files no profile or message names any more are kept: the same bytes may be named again, and
 * deleting them safely needs that sweep (planned with image messages).
 */
export function createUploads(deps: { files: FileFolder; store: Pick<Store, "files"> }) {
  const turns = new Map<string, Promise<unknown>>();

  /** Runs `task` after every earlier task for the same hash has settled. */
  const inTurn = <T>(hash: string, task: () => Promise<T>): Promise<T> => {
    const previous = turns.get(hash) ?? Promise.resolve();
    const run = previous.then(task, task);
    const settled = run.catch(() => {});
    turns.set(hash, settled);
    settled.then(() => turns.get(hash) === settled && turns.delete(hash));
    return run;
  };

  return {
    async saveImage(bytes: Uint8Array): Promise<Upload> {
      const inspected = inspectImage(bytes);
      if (!inspected.ok) return inspected;
      const hash = createHash("sha256").update(bytes).digest("hex");
      const file: StoredFile = { hash, ...inspected.image, bytes: bytes.length };
      const name = fileName(hash, file.type);
      return inTurn(hash, async () => {
        let written: "created" | "existed";
        try {
          written = await deps.files.put(name, bytes);
        } catch (error) {
          if (!isDiskFull(error)) throw error;
          return {
            ok: false,
            reason: "disk-full",
            error: "The server's disk is full, so your picture was not saved. Try again later.",
          } as const;
        }
        try {
          await deps.store.files.record(file);
        } catch (error) {
          if (written === "created") await deps.files.remove(name);
          throw error;
        }
        return { ok: true, file } as const;
      });
    },
  };
}

export type Uploads = ReturnType<typeof createUploads>;
