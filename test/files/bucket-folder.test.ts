import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sparePort } from "../../scripts/spare-port.ts";
import { BucketError, bucketFolder } from "../../src/files/bucket-folder.ts";
import { DiskFullError } from "../../src/files/file-folder.ts";
import { isOutOfStorage } from "../../src/store/unavailable.ts";
import { images, sha256 } from "../support/files.ts";
import { type LocalS3, startLocalS3 } from "../support/s3.ts";

/** The FileFolder port over a real S3-compatible server: the same promises the disk keeps. */
describe("a bucket as the files' folder", () => {
  let s3: LocalS3;
  beforeAll(async () => {
    s3 = await startLocalS3();
  });
  afterAll(() => s3.close());

  const name = `${sha256(images.png.bytes)}.png`;

  it("stores a file once: created the first time, existed after, the same bytes read back", async () => {
    const folder = bucketFolder(s3.storage);
    expect(await folder.read(name)).toBeNull();
    expect(await folder.put(name, images.png.bytes)).toBe("created");
    expect(await folder.put(name, images.png.bytes)).toBe("existed");
    expect(await folder.read(name)).toEqual(images.png.bytes);
    await folder.remove(name);
    expect(await folder.read(name)).toBeNull();
  });

  it("removes a missing file without complaint, and reads a missing one as null", async () => {
    const folder = bucketFolder(s3.storage);
    await folder.remove(`${"0".repeat(64)}.gif`);
    expect(await folder.read(`${"0".repeat(64)}.gif`)).toBeNull();
  });

  it("says so when the bucket itself is missing, rather than calling every file missing", async () => {
    const folder = bucketFolder({ ...s3.storage, bucket: "no-such-bucket" });
    await expect(folder.read(name)).rejects.toThrow(/no-such-bucket refused to read .*NoSuchBucket/);
    await expect(folder.put(name, images.png.bytes)).rejects.toThrow(BucketError);
  });

  it("names the bucket's address when it cannot be reached", async () => {
    const endpoint = `http://127.0.0.1:${await sparePort()}`;
    const folder = bucketFolder({ ...s3.storage, endpoint }, { retries: 0 });
    const failed = folder.read(name);
    await expect(failed).rejects.toThrow(BucketError);
    await expect(failed).rejects.toThrow(`Could not reach the bucket at ${endpoint}/parley-uploads`);
  });
});

describe("a full bucket", () => {
  // What MinIO answers when its drives are full: 507 and an S3 error document.
  let full: Server;
  let endpoint: string;
  beforeAll(async () => {
    full = createServer((request, response) => {
      request.resume();
      if (request.method === "HEAD") return response.writeHead(404).end();
      response
        .writeHead(507, { "content-type": "application/xml" })
        .end(
          "<Error><Code>XMinioStorageFull</Code><Message>Storage backend has reached its minimum free drive threshold.</Message></Error>",
        );
    });
    await new Promise<void>((resolve) => full.listen(0, "127.0.0.1", resolve));
    endpoint = `http://127.0.0.1:${(full.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => full.close(() => resolve())));

  it("is a DiskFullError, as a full disk is, so the upload is answered 507 with its sentence", async () => {
    const folder = bucketFolder(
      { bucket: "b", endpoint, accessKeyId: "k", secretAccessKey: "s" },
      // 507 is a 5xx, which aws4fetch retries: once is enough to show it gives up.
      { retries: 1 },
    );
    const error = await folder.put(`${sha256(images.gif.bytes)}.gif`, images.gif.bytes).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiskFullError);
    // What /healthz reports as storage out of room (src/storage-watch.ts).
    expect(isOutOfStorage(error)).toBe(true);
  });
});
