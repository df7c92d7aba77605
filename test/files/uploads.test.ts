import { describe, expect, it } from "vitest";
import type { FileFolder } from "../../src/files/file-folder.ts";
import { createUploads } from "../../src/files/uploads.ts";
import { openTestDatabase } from "../support/database.ts";
import { diskFullWrite, images, pretenders, sha256, tempFilesFolder } from "../support/files.ts";

describe("storing an uploaded image", () => {
  const folder = tempFilesFolder();

  it("keeps each type once on disk and once in the table, with its size read from the bytes", async () => {
    const { store, count } = await openTestDatabase();
    const uploads = createUploads({ files: folder.files, store });
    for (const [ext, { bytes, type }] of Object.entries(images)) {
      const hash = sha256(bytes);
      const upload = await uploads.saveImage(bytes);
      expect(upload).toEqual({ ok: true, file: { hash, type, width: 3, height: 2, bytes: bytes.length } });
      expect(await store.files.find(hash)).toEqual({ hash, type, width: 3, height: 2, bytes: bytes.length });
      expect(folder.onDisk()).toContain(`${hash}.${ext}`);
    }
    expect(count("files")).toBe(4);
    expect(folder.onDisk()).toHaveLength(4);
  });

  it("stores the same bytes once, even sent twice at the same moment", async () => {
    const { store, count } = await openTestDatabase();
    const uploads = createUploads({ files: folder.files, store });
    const [a, b] = await Promise.all([uploads.saveImage(images.gif.bytes), uploads.saveImage(images.gif.bytes)]);
    expect(a).toEqual(b);
    expect(count("files")).toBe(1);
    expect(folder.onDisk()).toEqual([`${sha256(images.gif.bytes)}.gif`]);
  });

  it("stores nothing that is not an image", async () => {
    const { store, count } = await openTestDatabase();
    const uploads = createUploads({ files: folder.files, store });
    for (const bytes of [pretenders.html, pretenders.svg])
      expect(await uploads.saveImage(bytes)).toMatchObject({ ok: false, reason: "not-an-image" });
    expect(count("files")).toBe(0);
    expect(folder.onDisk()).toEqual([]);
  });

  it("deletes the file it wrote when the row cannot be written, and a file that was there stays", async () => {
    const { store, count, refuseWrites } = await openTestDatabase();
    const uploads = createUploads({ files: folder.files, store });
    refuseWrites();
    await expect(uploads.saveImage(images.png.bytes)).rejects.toThrow(/readonly|query_only|attempt to write/i);
    expect(folder.onDisk()).toEqual([]);

    // The same bytes already stored (another row names them): a failed row must not delete them.
    refuseWrites(false);
    await uploads.saveImage(images.png.bytes);
    refuseWrites();
    await expect(uploads.saveImage(images.png.bytes)).rejects.toThrow(/readonly/i);
    await expect(uploads.saveImage(images.jpg.bytes)).rejects.toThrow(/readonly/i);
    expect(folder.onDisk()).toEqual([`${sha256(images.png.bytes)}.png`]);
    expect(count("files")).toBe(1);
  });
});

describe("a full disk", () => {
  const full = tempFilesFolder(diskFullWrite);

  it("is a clear refusal, with no file and no row", async () => {
    const { store, count } = await openTestDatabase();
    const uploads = createUploads({ files: full.files, store });
    expect(await uploads.saveImage(images.webp.bytes)).toEqual({
      ok: false,
      reason: "disk-full",
      error: "The server's disk is full, so your picture was not saved. Try again later.",
    });
    expect(count("files")).toBe(0);
    expect(full.onDisk()).toEqual([]);
  });

  it("(the EDQUOT of a used-up quota too)", async () => {
    const { store } = await openTestDatabase();
    const quota: FileFolder = {
      put: async () => {
        throw Object.assign(new Error("EDQUOT: disk quota exceeded"), { code: "EDQUOT" });
      },
      read: async () => null,
      remove: async () => {},
    };
    expect(await createUploads({ files: quota, store }).saveImage(images.png.bytes)).toMatchObject({
      reason: "disk-full",
    });
  });
});
