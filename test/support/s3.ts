import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";
import type { ObjectStorage } from "../../src/files/bucket-folder.ts";

export interface LocalS3 {
  /** Settings for a bucket of this server (the kit's objectStorage). */
  storage: ObjectStorage;
  /** The same as the standalone server's environment. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * A real S3-compatible server (s3rver) in this process, on a port of its own, over a temp
 * folder of its own, with one empty bucket. s3rver checks SigV4 signatures as S3 does.
 */
export async function startLocalS3(bucket = "parley-uploads"): Promise<LocalS3> {
  const directory = mkdtempSync(join(tmpdir(), "parley-s3-"));
  const server = new S3rver({
    port: 0,
    address: "127.0.0.1",
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const storage = {
    bucket,
    endpoint: `http://127.0.0.1:${port}`,
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    region: "us-east-1",
  };
  return {
    storage,
    env: {
      S3_BUCKET: storage.bucket,
      S3_ENDPOINT: storage.endpoint,
      S3_ACCESS_KEY_ID: storage.accessKeyId,
      S3_SECRET_ACCESS_KEY: storage.secretAccessKey,
      S3_REGION: storage.region,
    },
    async close() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
