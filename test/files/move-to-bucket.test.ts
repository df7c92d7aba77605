import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bucketFolder } from "../../src/files/bucket-folder.ts";
import { moveToBucket, storedNames } from "../../src/files/move-to-bucket.ts";
import { images, sha256, tempFilesFolder } from "../support/files.ts";
import { type LocalS3, startLocalS3 } from "../support/s3.ts";

describe("moving DATA_DIR/files into a bucket", () => {
  let s3: LocalS3;
  beforeAll(async () => {
    s3 = await startLocalS3();
  });
  afterAll(() => s3.close());
  const folder = tempFilesFolder();

  it("copies every stored file, leaves temporary ones behind, and skips what is there when run again", async () => {
    const names: string[] = [];
    for (const [ext, image] of Object.entries(images)) {
      const name = `${sha256(image.bytes)}.${ext}`;
      await folder.files.put(name, image.bytes);
      names.push(name);
    }
    // A crash between writing and renaming leaves this: not a stored file.
    const first = names[0] as string;
    const half = join(folder.root, first.slice(0, 2), `.${first}.abc.tmp`);
    writeFileSync(half, "half");
    mkdirSync(join(folder.root, "zz"), { recursive: true });
    writeFileSync(join(folder.root, "zz", "notes.txt"), "not ours");
    expect(await storedNames(folder.root)).toEqual([...names].sort());

    const bucket = bucketFolder(s3.storage);
    const heard: string[] = [];
    expect(await moveToBucket(folder.root, bucket, (name, outcome) => heard.push(`${outcome} ${name}`))).toEqual({
      copied: 4,
      skipped: 0,
    });
    expect(heard).toHaveLength(4);
    for (const [ext, image] of Object.entries(images))
      expect(await bucket.read(`${sha256(image.bytes)}.${ext}`), ext).toEqual(image.bytes);
    expect(await bucket.read(`.${first}.abc.tmp`)).toBeNull();

    expect(await moveToBucket(folder.root, bucket)).toEqual({ copied: 0, skipped: 4 });
    // The disk keeps its copy until the operator removes it.
    expect(await folder.files.read(`${sha256(images.png.bytes)}.png`)).toEqual(images.png.bytes);
  });

  it("has nothing to do for a deployment that never stored a file", async () => {
    expect(await moveToBucket(join(folder.root, "absent"), bucketFolder(s3.storage))).toEqual({
      copied: 0,
      skipped: 0,
    });
  });
});
