import { sql } from "drizzle-orm";
import type { Store } from "../store.ts";
import { apiTokenQueries } from "./api-tokens.ts";
import type { PgDb } from "./db.ts";
import { deploymentQueries } from "./deployment.ts";
import { embedQueries } from "./embeds.ts";
import { fileQueries } from "./files.ts";
import { createPgGroupCommit } from "./group-commit.ts";
import { messageQueries } from "./messages.ts";
import { roomQueries } from "./rooms.ts";
import { healthProbe } from "./schema.ts";
import { sessionQueries } from "./sessions.ts";
import { userQueries } from "./users.ts";

/** The store over PostgreSQL: the same port as SQLite's, every query family in this folder. */
export function createPgStore(db: PgDb, close: () => Promise<void>): Store {
  const groupCommit = createPgGroupCommit(db);
  return {
    users: userQueries(db),
    sessions: sessionQueries(db),
    apiTokens: apiTokenQueries(db),
    rooms: roomQueries(db),
    messages: messageQueries(db, groupCommit),
    deployment: deploymentQueries(db),
    files: fileQueries(db),
    embeds: embedQueries(db),
    async check(now) {
      try {
        await db.execute(sql`SELECT 1`);
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
        // A standby, or a database set to default_transaction_read_only.
        return "read-only";
      }
    },
    async close() {
      await groupCommit.flush();
      await close();
    },
  };
}
