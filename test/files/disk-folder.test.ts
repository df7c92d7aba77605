import { mkdirSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sweepTemporaryFiles } from "../../src/files/disk-folder.ts";
import { DiskFullError } from "../../src/files/file-folder.ts";
import { diskFullWrite, images, sha256, tempFilesFolder } from "../support/files.ts";

const name = `${sha256(images.png.bytes)}.png`;

describe("the files folder on disk", () => {
  const folder = tempFilesFolder();

  it("keeps a file under its hash's first two characters, once", async () => {
    expect(await folder.files.put(name, images.png.bytes)).toBe("created");
    expect(await folder.files.put(name, images.png.bytes)).toBe("existed");
    expect(folder.onDisk()).toEqual([name]);
    expect(await folder.files.read(name)).toEqual(images.png.bytes);
    expect(await folder.files.read(`${"0".repeat(64)}.png`)).toBeNull();
    await folder.files.remove(name);
    await folder.files.remove(name);
    expect(folder.onDisk()).toEqual([]);
  });

  it("sweeps temporary files a crash left, once they are an hour old", async () => {
    const shard = join(folder.root, name.slice(0, 2));
    mkdirSync(shard, { recursive: true });
    writeFileSync(join(shard, `.${name}.abc.tmp`), "half");
    writeFileSync(join(shard, `.${name}.def.tmp`), "still being written");
    const hourAgo = new Date(Date.now() - 61 * 60 * 1000);
    utimesSync(join(shard, `.${name}.abc.tmp`), hourAgo, hourAgo);
    await folder.files.put(name, images.png.bytes);
    expect(await sweepTemporaryFiles(folder.root, new Date(Date.now() - 60 * 60 * 1000))).toBe(1);
    expect(folder.onDisk()).toEqual([`.${name}.def.tmp`, name]);
  });
});

describe("a full disk", () => {
  const full = tempFilesFolder(diskFullWrite);

  it("is a DiskFullError, and the half-written file is gone", async () => {
    await expect(full.files.put(name, images.png.bytes)).rejects.toBeInstanceOf(DiskFullError);
    expect(full.onDisk()).toEqual([]);
  });
});
