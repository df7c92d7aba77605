/**
 * `npm run files:to-s3`: copies the uploads in DATA_DIR/files into the bucket that the S3_*
 * settings name (src/files/move-to-bucket.ts), skipping what the bucket already holds. Safe to
 * run again, and while the deployment runs. Run with Bun, Node (tsx) or Deno alike.
 */
import { join } from "node:path";
import { ConfigError, loadConfig, objectStorageOf } from "../src/config.ts";
import { bucketFolder } from "../src/files/bucket-folder.ts";
import { moveToBucket } from "../src/files/move-to-bucket.ts";

async function main() {
  const config = loadConfig();
  const storage = objectStorageOf(config);
  if (!storage)
    throw new ConfigError(
      "files:to-s3 needs the bucket to copy into: set S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY (and S3_ENDPOINT, S3_REGION unless it is AWS S3 in us-east-1).",
    );
  const root = join(config.DATA_DIR, "files");
  console.log(`Copying ${root} into bucket ${storage.bucket}…`);
  const moved = await moveToBucket(root, bucketFolder(storage));
  console.log(`Done: ${moved.copied} copied, ${moved.skipped} already in the bucket.`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
