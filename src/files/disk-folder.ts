import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, stat, unlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import { DiskFullError, type FileFolder, isDiskFull } from "./file-folder.ts";

/** Writes a new file's bytes and flushes them to the disk; a test may hand in one that fails. */
export type WriteFile = (path: string, bytes: Uint8Array) => Promise<void>;

const writeDurably: WriteFile = async (path, bytes) => {
  const file = await open(path, "wx");
  try {
    await file.writeFile(bytes);
    // On the disk before the rename publishes it: after a power cut the name never points at
    // an empty or partial file.
    await file.sync();
  } finally {
    await file.close();
  }
};

const temporary = /^\..+\.tmp$/;

/**
 * Files on a real disk folder (`DATA_DIR/files` in every runtime, the binary included), fanned
 * out by the hash's first two characters (`files/ab/abcdef….png`) so no folder grows huge. A
 * file is written to a temporary name beside its final one and renamed into place, which is
 * atomic: readers and other instances see the whole file or none. A failed write (a full
 * disk) deletes its temporary file.
 */
export function diskFolder(root: string, write: WriteFile = writeDurably): FileFolder {
  const pathOf = (name: string) => join(root, name.slice(0, 2), name);

  return {
    async put(name, bytes) {
      const path = pathOf(name);
      if (await exists(path)) return "existed";
      const temp = join(dirname(path), `.${name}.${randomBytes(6).toString("hex")}.tmp`);
      try {
        await mkdir(dirname(path), { recursive: true });
        await write(temp, bytes);
        await rename(temp, path);
      } catch (error) {
        await unlink(temp).catch(() => {});
        if (isDiskFull(error)) throw new DiskFullError("The disk is full.", { cause: error });
        throw error;
      }
      return "created";
    },

    async read(name) {
      try {
        return new Uint8Array(await readFile(pathOf(name)));
      } catch (error) {
        if ((error as { code?: string }).code === "ENOENT") return null;
        throw error;
      }
    },

    async remove(name) {
      await unlink(pathOf(name)).catch((error) => {
        if ((error as { code?: string }).code !== "ENOENT") throw error;
      });
    },
  };
}

/**
 * Deletes temporary files a crash left behind (the process died between writing and renaming),
 * once they are old enough that no running instance can still be writing them.
 */
export async function sweepTemporaryFiles(root: string, olderThan: Date): Promise<number> {
  let swept = 0;
  const folders = await readdir(root).catch(() => [] as string[]);
  for (const folder of folders) {
    const names = await readdir(join(root, folder)).catch(() => [] as string[]);
    for (const name of names.filter((n) => temporary.test(n))) {
      const path = join(root, folder, name);
      const info = await stat(path).catch(() => null);
      if (
        info &&
        info.mtime < olderThan &&
        (await unlink(path).then(
          () => true,
          () => false,
        ))
      )
        swept++;
    }
  }
  return swept;
}

async function exists(path: string) {
  return stat(path).then(
    () => true,
    () => false,
  );
}
