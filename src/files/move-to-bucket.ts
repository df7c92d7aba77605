import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { diskFolder } from "./disk-folder.ts";
import type { FileFolder } from "./file-folder.ts";
import { fileNamePattern } from "./image-rules.ts";

/** Every stored file's name under a disk folder's root (`ab/abcdef….png`), temporary files left out. */
export async function storedNames(root: string): Promise<string[]> {
  const names: string[] = [];
  for (const folder of await readdir(root).catch(() => [] as string[])) {
    const inside = await readdir(join(root, folder)).catch(() => [] as string[]);
    names.push(...inside.filter((name) => fileNamePattern.test(name) && name.startsWith(folder)));
  }
  return names.sort();
}

export interface Moved {
  copied: number;
  skipped: number;
}

/**
 * Copies every file of `DATA_DIR/files` into the bucket, one at a time, and skips what is
 * there already (names are content hashes: the same name holds the same bytes), so it can be
 * run again after an interruption, or while instances still on the disk take uploads. The disk
 * copy is left alone: delete it once the instances run with the bucket.
 */
export async function moveToBucket(
  root: string,
  bucket: FileFolder,
  progress: (name: string, outcome: "copied" | "skipped") => void = () => {},
): Promise<Moved> {
  const disk = diskFolder(root);
  const moved: Moved = { copied: 0, skipped: 0 };
  for (const name of await storedNames(root)) {
    const bytes = await disk.read(name);
    if (!bytes) continue;
    const outcome = (await bucket.put(name, bytes)) === "created" ? "copied" : "skipped";
    moved[outcome]++;
    progress(name, outcome);
  }
  return moved;
}
