/**
 * Where the bytes of uploaded files live, by name (`<hash>.<ext>`). A port: the disk in every
 * runtime (`disk-folder.ts`), or an S3-compatible bucket when instances share no disk
 * (`bucket-folder.ts`, with the S3_* settings).
 */
export interface FileFolder {
  /**
   * Keeps `bytes` under `name`, whole or not at all. Names are content hashes, so a file already
   * there holds the same bytes and is left alone: "existed". "created" only when this call
   * wrote it. A full disk is a `DiskFullError`, with nothing left behind.
   */
  put(name: string, bytes: Uint8Array): Promise<"created" | "existed">;
  /** The bytes, or null when there is no such file. */
  read(name: string): Promise<Uint8Array | null>;
  /** Deletes the file if it is there. */
  remove(name: string): Promise<void>;
}

/** The disk (or the user's quota) is full: nothing was stored, and trying again later may work. */
export class DiskFullError extends Error {
  override name = "DiskFullError";
}

/** ENOSPC: no space left on the device; EDQUOT: the user's disk quota is used up. */
export const isDiskFull = (error: unknown) =>
  error instanceof DiskFullError ||
  (error instanceof Error && ["ENOSPC", "EDQUOT"].includes((error as { code?: string }).code ?? ""));
