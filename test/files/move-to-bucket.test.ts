import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bucketFolder } from "../../src/files/bucket-folder.ts";
import { moveToBucket, storedNames } from "../../src/files/move-to-bucket.ts";
import { images, sha256, tempFilesFolder } from "../support/files.ts";
import { type LocalS3, startLocalS3 } from "../support/s3.ts";
import { launches, root } from "../support/server.ts";

const run = promisify(execFile);

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

  it("is npm run files:to-s3, with the standalone server's settings, and says what it did", async () => {
    await folder.files.put(`${sha256(images.webp.bytes)}.webp`, images.webp.bytes);
    const dataDir = join(folder.root, "..", `data-${randomUUID()}`);
    mkdirSync(dataDir);
    renameSync(folder.root, join(dataDir, "files"));
    // A bucket of its own: the first test's files are in the other one.
    const own = await startLocalS3("moved-by-script");
    try {
      const bucket = own.storage;
      const env: Record<string, string | undefined> = { ...process.env, ...own.env, DATA_DIR: dataDir };
      const first = await run(launches.bun.command, ["scripts/files-to-s3.ts"], { cwd: root, env });
      expect(first.stdout).toContain("Done: 1 copied, 0 already in the bucket.");
      const again = await run(launches.bun.command, ["scripts/files-to-s3.ts"], { cwd: root, env });
      expect(again.stdout).toContain("Done: 0 copied, 1 already in the bucket.");
      expect(await bucketFolder(bucket).read(`${sha256(images.webp.bytes)}.webp`)).toEqual(images.webp.bytes);

      const { S3_BUCKET: _, ...partial } = env;
      const refused = await run(launches.bun.command, ["scripts/files-to-s3.ts"], { cwd: root, env: partial }).catch(
        (error: { code: number; stderr: string }) => error,
      );
      expect(refused).toMatchObject({ code: 1 });
      expect((refused as { stderr: string }).stderr).toContain("S3_BUCKET: required for object storage");
    } finally {
      await own.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("has nothing to do for a deployment that never stored a file", async () => {
    expect(await moveToBucket(join(folder.root, "absent"), bucketFolder(s3.storage))).toEqual({
      copied: 0,
      skipped: 0,
    });
  });
});
