import type { FileFolder } from "./files/file-folder.ts";
import type { Store } from "./store/store.ts";
import { isOutOfStorage } from "./store/unavailable.ts";

/**
 * How long /healthz keeps saying a write failed for want of storage, after the last such failure:
 * the "try again in 30 s" the writers are told. Past it, the health probe alone decides again.
 */
export const failedWriteHoldMs = 30_000;

type Where = "db" | "files";

/**
 * Remembers the last write that failed for want of storage, in the database or in the files'
 * folder, so /healthz says so at once. Its own probe is no proof: it rewrites one row in a page
 * that is already there, which still fits on a disk that has no room for a message, and it runs
 * only when asked.
 */
export function createStorageWatch(now: () => Date, holdMs = failedWriteHoldMs) {
  const failedAt: Record<Where, number> = { db: Number.NEGATIVE_INFINITY, files: Number.NEGATIVE_INFINITY };
  const noting =
    (where: Where) =>
    (error: unknown): never => {
      if (isOutOfStorage(error)) failedAt[where] = now().getTime();
      throw error;
    };
  const noteDb = noting("db");
  const noteFiles = noting("files");

  /** Each function of `family`, the same, but a storage failure it throws is noted on the way. */
  const watched = <T extends object>(family: T, note: (error: unknown) => never): T => {
    const copy: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(family)) {
      copy[name] =
        typeof value !== "function"
          ? value
          : (...args: unknown[]) => {
              const result = value.apply(family, args);
              return result instanceof Promise ? result.catch(note) : result;
            };
    }
    return copy as T;
  };

  return {
    /** The store, each query family's functions noting the storage failures they meet. */
    store(store: Store): Store {
      const families = [
        "users",
        "sessions",
        "apiTokens",
        "rooms",
        "messages",
        "deployment",
        "files",
        "embeds",
        "members",
        "invites",
      ] as const;
      const copy = { ...store, check: store.check.bind(store), close: store.close.bind(store) };
      for (const name of families) Object.assign(copy, { [name]: watched(store[name], noteDb) });
      return copy;
    },
    /** The files' folder, noting a full disk (or quota) as uploads meet it. */
    folder: (files: FileFolder): FileFolder => watched(files, noteFiles),
    /** Whether a write met a full or read-only `where` within the last `holdMs`. */
    failing: (where: Where) => now().getTime() - failedAt[where] < holdMs,
  };
}

export type StorageWatch = ReturnType<typeof createStorageWatch>;
