import {
  bigint,
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { sqliteColumns } from "../schema.ts";
import { type ColumnKinds, defineTables } from "../tables.ts";

const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3, mode: "date" });

/**
 * PostgreSQL's column kinds: identity columns for AUTOINCREMENT, `timestamptz` (millisecond
 * precision, as JavaScript dates) for epoch integers, 64-bit message ids.
 */
const pgColumns = {
  table: pgTable,
  index,
  uniqueIndex,
  primaryKey,
  text: (name: string) => text(name),
  int: (name: string) => integer(name),
  bool: (name: string) => boolean(name),
  time: at,
  createdAt: () => at("created_at").notNull().defaultNow(),
  serialId: () => integer("id").primaryKey().generatedByDefaultAsIdentity(),
  /**
   * Drawn from one sequence, but only while the insert holds its room's row lock
   * (`message-batch.ts`): within a room, ids then follow commit order, which a bare sequence
   * does not promise. See docs/architecture.md, "Order keys".
   */
  messageId: () => bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
  messageRef: (name: string) => bigint(name, { mode: "number" }),
  /**
   * The room's newest message `seq`. A counter, not max(seq): under READ COMMITTED an UPDATE
   * reads the row's latest version once it holds the lock, where a subquery would read the
   * statement's older snapshot and hand out a number twice. `lastChange` is the same for the
   * room's change numbers (messages.change_seq, src/store/pg/message-changes.ts).
   */
  roomCounter: () => ({
    lastSeq: integer("last_seq").notNull().default(0),
    lastChange: integer("last_change").notNull().default(0),
  }),
  /**
   * No foreign keys from a message to its room and author: PostgreSQL checks a foreign key by a
   * trigger and a row lock per inserted row, 7.7 µs of the server's CPU per message, more than a
   * third of storing one (bench/pg-insert-costs.ts). The batch statement (message-batch.ts) locks
   * each room and author of the batch once instead, and a message whose room or author does not
   * exist fails there; triggers delete a room's or a person's messages with them, as the cascade did
   * (migration 0010).
   */
  messageOwnersByKey: false as boolean,
};

/** What a column kind holds: its JavaScript type and whether it may be null. */
type Holds<K> = K extends (...args: never[]) => { _: { data: infer D; notNull: infer N } } ? [D, N] : never;
type ColumnKind = "text" | "int" | "bool" | "time" | "createdAt" | "serialId" | "messageId" | "messageRef";
type SameHoldings = {
  [K in ColumnKind]: [Holds<(typeof pgColumns)[K]>] extends [Holds<(typeof sqliteColumns)[K]>]
    ? [Holds<(typeof sqliteColumns)[K]>] extends [Holds<(typeof pgColumns)[K]>]
      ? true
      : K
    : K;
};
/** Fails to compile when a PostgreSQL column kind holds other data than SQLite's. */
const sameHoldings: SameHoldings = {
  text: true,
  int: true,
  bool: true,
  time: true,
  createdAt: true,
  serialId: true,
  messageId: true,
  messageRef: true,
};
void sameHoldings;

/**
 * PostgreSQL's tables: PostgreSQL objects at run time, typed as SQLite's twins, so the shared
 * queries take either. The schema's one cast: drizzle types each dialect's builders apart, and
 * `sameHoldings` above checks that each kind holds the same data as SQLite's.
 */
export const pgTables = defineTables(pgColumns as unknown as ColumnKinds);

/** The same, one export each, as drizzle-kit reads them (`drizzle.pg.config.ts`). */
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
} = pgTables;
