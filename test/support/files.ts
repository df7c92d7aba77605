import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import { diskFolder, type WriteFile } from "../../src/files/disk-folder.ts";

const fixtures = new URL("../fixtures/", import.meta.url);

/** The real 3×2 images in test/fixtures (see make-images.ts), and the types they are. */
export const images = {
  png: { bytes: fixture("tiny.png"), type: "image/png" },
  jpg: { bytes: fixture("tiny.jpg"), type: "image/jpeg" },
  webp: { bytes: fixture("tiny.webp"), type: "image/webp" },
  gif: { bytes: fixture("tiny.gif"), type: "image/gif" },
} as const;

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(name, fixtures)));
}

export const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** A text file that claims to be an image: what an attacker would upload. */
export const pretenders = {
  html: new TextEncoder().encode("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"),
  svg: new TextEncoder().encode(
    '<svg xmlns="http://www.w3.org/2000/svg" width="3" height="2"><script>alert(1)</script></svg>',
  ),
};

/**
 * A fresh files folder under the system's temp folder, removed after the test: `files` for the
 * app's deps, `onDisk()` lists every file in it (temporary ones included), `write` a seam.
 */
export function tempFilesFolder(write?: WriteFile) {
  const root = join(tmpdir(), `parley-files-${randomUUID()}`);
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const onDisk = () =>
    (readdirSync(root, { recursive: true, withFileTypes: true }) as { name: string; isFile(): boolean }[])
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name)
      .sort();
  return { root, files: diskFolder(root, write), onDisk: () => safely(onDisk) };
}

const safely = (list: () => string[]) => {
  try {
    return list();
  } catch {
    return [];
  }
};

/** A write that fills the disk halfway through, as ENOSPC does. */
export const diskFullWrite: WriteFile = async (path, bytes) => {
  const { writeFile } = await import("node:fs/promises");
  await writeFile(path, bytes.subarray(0, bytes.length >> 1));
  throw Object.assign(new Error(`ENOSPC: no space left on device, write '${path}'`), { code: "ENOSPC" });
};
