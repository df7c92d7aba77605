import { sql } from "drizzle-orm";
import { apiTokenQueries } from "./api-tokens.ts";
import type { Db } from "./db.ts";
import { deploymentQueries } from "./deployment.ts";
import { fileQueries } from "./files.ts";
import type { GroupCommit } from "./group-commit.ts";
import { messageQueries } from "./messages.ts";
import { roomQueries } from "./rooms.ts";
import { healthProbe } from "./schema.ts";
import { sessionQueries } from "./sessions.ts";
import { userQueries } from "./users.ts";

/**
 * The storage port: async functions only, so chat rules never know whether SQLite answers
 * synchronously or a remote database answers later.
 */
export interface Store {
  users: ReturnType<typeof userQueries>;
  sessions: ReturnType<typeof sessionQueries>;
  apiTokens: ReturnType<typeof apiTokenQueries>;
  rooms: ReturnType<typeof roomQueries>;
  messages: ReturnType<typeof messageQueries>;
  deployment: ReturnType<typeof deploymentQueries>;
  files: ReturnType<typeof fileQueries>;
  /**
   * For health checks: "up" when a read and a committed write both work, "read-only" when
   * reads work but writes fail (disk full, read-only file, locked past the busy timeout),
   * "down" when nothing answers.
   */
  check(now: Date): Promise<"up" | "read-only" | "down">;
  close(): Promise<void>;
}

/** `groupCommit` comes from drivers that can run a transaction synchronously (see group-commit.ts). */
export function createStore(db: Db, close: () => void | Promise<void>, groupCommit?: GroupCommit): Store {
  return {
    users: userQueries(db),
    sessions: sessionQueries(db),
    apiTokens: apiTokenQueries(db),
    rooms: roomQueries(db),
    messages: messageQueries(db, groupCommit),
    deployment: deploymentQueries(db),
    files: fileQueries(db),
    async check(now) {
      try {
        await db.run(sql`SELECT 1`);
      } catch {
        return "down";
      }
      try {
        await db
          .insert(healthProbe)
          .values({ id: 1, checkedAt: now })
          .onConflictDoUpdate({ target: healthProbe.id, set: { checkedAt: now } });
        return "up";
      } catch {
        return "read-only";
      }
    },
    async close() {
      await close();
    },
  };
}
