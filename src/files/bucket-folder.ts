import { AwsClient } from "aws4fetch";
import { DiskFullError, type FileFolder } from "./file-folder.ts";
import { imageExtensions } from "./image-rules.ts";

/** An S3-compatible bucket (AWS S3, Cloudflare R2, MinIO, …) that keeps uploads instead of `dataDir/files`. */
export interface ObjectStorage {
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** The service's address, e.g. `https://<account>.r2.cloudflarestorage.com`. Default: AWS S3 in `region`. */
  endpoint?: string;
  /** Default "us-east-1" (R2 takes "auto"). */
  region?: string;
}

/** The bucket could not be reached or refused us: uploads fail with this, pages show the usual error. */
export class BucketError extends Error {
  override name = "BucketError";
}

/**
 * Codes by which S3-compatible services say "no room": MinIO's full drives (with 507), Ceph's and
 * Wasabi's quotas. AWS S3 itself has no quota to hit.
 */
const fullCodes = new Set(["XMinioStorageFull", "QuotaExceeded", "StorageFull", "InsufficientStorage"]);

const typeOf = (name: string) =>
  Object.entries(imageExtensions).find(([, ext]) => name.endsWith(`.${ext}`))?.[0] ?? "application/octet-stream";

/**
 * Files in an S3-compatible bucket, by the same content-hashed names as on disk, signed with
 * SigV4 by aws4fetch over the runtime's own fetch (Bun, Node and Deno alike). Addresses are
 * path-style (`<endpoint>/<bucket>/<name>`), which AWS, R2, MinIO and s3rver all take. A PUT is
 * whole or nothing on every S3, so there is no temporary name to clean up. Pages never link to
 * the bucket: `GET /files/…` reads through here, so a private room's images stay its members'.
 */
export function bucketFolder(
  storage: ObjectStorage,
  tuning: { retries?: number; timeoutMs?: number } = {},
): FileFolder {
  const region = storage.region ?? "us-east-1";
  const endpoint = (storage.endpoint ?? `https://s3.${region}.amazonaws.com`).replace(/\/+$/, "");
  const client = new AwsClient({
    accessKeyId: storage.accessKeyId,
    secretAccessKey: storage.secretAccessKey,
    region,
    service: "s3",
    // aws4fetch retries 5xx and 429 with backoff; its default of 10 would hold an upload for a minute.
    retries: tuning.retries ?? 3,
  });
  const timeoutMs = tuning.timeoutMs ?? 30_000;
  const where = `${endpoint}/${storage.bucket}`;

  const call = async (method: string, name: string, body?: Uint8Array) => {
    try {
      return await client.fetch(`${where}/${encodeURIComponent(name)}`, {
        method,
        body: body as Uint8Array<ArrayBuffer> | undefined,
        headers: body ? { "content-type": typeOf(name) } : {},
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new BucketError(`Could not reach the bucket at ${where}: ${(error as Error).message}`, { cause: error });
    }
  };

  /** The S3 error code of a refusal (`NoSuchKey`, `NoSuchBucket`, …), read from its XML body. */
  const codeOf = async (response: Response) => /<Code>([^<]+)<\/Code>/.exec(await response.text().catch(() => ""))?.[1];

  const refusal = (response: Response, code: string | undefined, what: string) =>
    response.status === 507 || (code && fullCodes.has(code))
      ? new DiskFullError("The bucket is full.", { cause: code ?? response.status })
      : new BucketError(`The bucket at ${where} refused to ${what}: ${response.status} ${code ?? ""}`.trim());

  const refused = async (response: Response, what: string) => refusal(response, await codeOf(response), what);

  const has = async (name: string) => {
    const response = await call("HEAD", name);
    await response.body?.cancel();
    if (response.ok) return true;
    if (response.status === 404) return false;
    throw await refused(response, `look up ${name}`);
  };

  return {
    async put(name, bytes) {
      // Names are content hashes: what is there already holds these bytes.
      if (await has(name)) return "existed";
      const response = await call("PUT", name, bytes);
      if (!response.ok) throw await refused(response, `store ${name}`);
      await response.body?.cancel();
      return "created";
    },

    async read(name) {
      const response = await call("GET", name);
      if (response.ok) return new Uint8Array(await response.arrayBuffer());
      const code = await codeOf(response);
      // A missing key is a missing file; a missing bucket is a setting to fix, and says so.
      if (response.status === 404 && code !== "NoSuchBucket") return null;
      throw refusal(response, code, `read ${name}`);
    },

    async remove(name) {
      const response = await call("DELETE", name);
      await response.body?.cancel();
      if (!response.ok && response.status !== 404) throw await refused(response, `delete ${name}`);
    },
  };
}
