import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { defineTables } from "./tables.ts";

/**
 * SQLite's column kinds: dates as epoch milliseconds, booleans as 0 and 1, AUTOINCREMENT ids
 * (never reused, so a message id stays a stable order key).
 */
export const sqliteColumns = {
  table: sqliteTable,
  index,
  uniqueIndex,
  primaryKey,
  text: (name: string) => text(name),
  int: (name: string) => integer(name),
  bool: (name: string) => integer(name, { mode: "boolean" }),
  time: (name: string) => integer(name, { mode: "timestamp_ms" }),
  createdAt: () => integer("created_at", { mode: "timestamp_ms" }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
  serialId: () => integer("id").primaryKey({ autoIncrement: true }),
  messageId: () => integer("id").primaryKey({ autoIncrement: true }),
  /** A column holding a message id: SQLite's integers are 64-bit already. */
  messageRef: (name: string) => integer(name),
  /**
   * A room's counters: none. SQLite reads a room's newest place (room-places.ts) and newest change
   * number where its one writer holds the lock.
   */
  roomCounter: () => ({}),
  /** A message's room and author are foreign keys: checked per row, their deletion cascading. */
  messageOwnersByKey: true as boolean,
};

/** SQLite's tables, as the shared queries take them. */
export const sqliteTables = defineTables(sqliteColumns);

/** The same, one export each, as drizzle-kit reads them (`drizzle.config.ts`). */
export const {
  files,
  users,
  sessions,
  apiTokens,
  pushSubscriptions,
  rooms,
  memberships,
  roomEmbeds,
  roomBans,
  roomInvites,
  usedEmbedTokens,
  messages,
  reactions,
  mentions,
  deployment,
  healthProbe,
} = sqliteTables;
