import type { DatabaseSync, SQLInputValue, StatementSync } from "node:sqlite";

/**
 * `node:sqlite`'s DatabaseSync in the shape drizzle's better-sqlite3 session and the group
 * commit (sync-sqlite.ts) call: `prepare` with `raw()` for rows as arrays, `transaction`, `exec`.
 * drizzle 0.45 has no driver of its own for node:sqlite; through its async sqlite-proxy every
 * query went through a promise and every insert committed on its own, where this way Deno
 * writes as Bun and Node do: synchronously, a turn's inserts in one transaction.
 */
export function betterSqliteShape(sqlite: DatabaseSync) {
  // drizzle prepares again for every query it has not prepared itself; SQLite's own parse
  // costs more than a lookup, and the texts are a fixed set (the queries in src/store).
  const statements = new Map<string, Statement>();
  return {
    prepare(sql: string): Statement {
      let statement = statements.get(sql);
      if (!statement) {
        if (statements.size >= cachedStatementsAtMost) statements.clear();
        statement = new Statement(sqlite, sql);
        statements.set(sql, statement);
      }
      return statement;
    },
    exec: (sql: string) => sqlite.exec(sql),
    get inTransaction() {
      return sqlite.isTransaction;
    },
    transaction<T>(work: (...args: never[]) => T) {
      const within =
        (begin: string) =>
        (...args: never[]): T => {
          sqlite.exec(begin);
          try {
            const result = work(...args);
            sqlite.exec("COMMIT");
            return result;
          } catch (error) {
            try {
              sqlite.exec("ROLLBACK");
            } catch {
              // A failed COMMIT may already have ended the transaction (SQLite rolls back on some errors).
            }
            throw error;
          }
        };
      return {
        deferred: within("BEGIN DEFERRED"),
        immediate: within("BEGIN IMMEDIATE"),
        exclusive: within("BEGIN EXCLUSIVE"),
      };
    },
    close: () => {
      statements.clear();
      sqlite.close();
    },
  };
}

/** More distinct query texts than the store has: only ad hoc SQL would get here. */
const cachedStatementsAtMost = 1000;

/** One query, prepared once for rows as objects and once (when asked) for rows as arrays. */
class Statement {
  private objects: StatementSync;
  private arrays: StatementSync | undefined;
  constructor(
    private readonly sqlite: DatabaseSync,
    private readonly sql: string,
  ) {
    this.objects = sqlite.prepare(sql);
  }
  run(...params: SQLInputValue[]) {
    return this.objects.run(...params);
  }
  get(...params: SQLInputValue[]) {
    return this.objects.get(...params);
  }
  all(...params: SQLInputValue[]) {
    return this.objects.all(...params);
  }
  /** better-sqlite3's `raw()`: the same query answering rows as arrays of column values. */
  raw() {
    if (!this.arrays) {
      this.arrays = this.sqlite.prepare(this.sql);
      this.arrays.setReturnArrays(true);
    }
    return this.arrays;
  }
}
