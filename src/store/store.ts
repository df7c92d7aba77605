import { sql } from "drizzle-orm";
import { apiTokenQueries } from "./api-tokens.ts";
import type { Db } from "./db.ts";
import { deploymentQueries } from "./deployment.ts";
import type { GroupCommit } from "./group-commit.ts";
import { messageQueries } from "./messages.ts";
import { roomQueries } from "./rooms.ts";
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
  /** Throws when the database cannot answer (health checks). */
  ping(): Promise<void>;
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
    async ping() {
      await db.run(sql`SELECT 1`);
    },
    async close() {
      await close();
    },
  };
}
