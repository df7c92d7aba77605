import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logs/logger.ts";

/** A logger writing into an array: one JSON object per line, as on standard output. */
const captured = (level: Parameters<typeof createLogger>[0] = "info") => {
  const lines: string[] = [];
  const log = createLogger(level, false, { write: (line) => void lines.push(line) });
  return { log, lines, entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
};

describe("Parley's log", () => {
  it("writes JSON lines with the level's name and an ISO time, and only at or above its level", () => {
    const { log, entries } = captured("warn");
    log.info("not written");
    log.warn({ room: 3 }, "written");
    expect(entries()).toEqual([
      { level: "warn", time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), room: 3, msg: "written" },
    ]);
  });

  it("never writes a failed query's parameters, nor fields named like secrets", () => {
    const { log, lines, entries } = captured();
    const text = "my secret plans for tuesday";
    const failed = new DrizzleQueryError(
      "insert into messages (body) values (?)",
      [text, "$argon2id$hash"],
      new Error("database or disk is full"),
    );
    log.error(
      { err: failed, body: text, password: "hunter2hunter2", headers: { cookie: "parley_session=abc" } },
      "failed",
    );
    const line = lines.join("");
    for (const secret of [text, "argon2id", "hunter2hunter2", "parley_session=abc"]) expect(line).not.toContain(secret);
    const [entry] = entries();
    expect(entry?.err).toMatchObject({
      type: "Error",
      message: "Failed query: insert into messages (body) values (?)\nparams: [hidden]",
      cause: { message: "database or disk is full" },
    });
    expect(entry?.body).toBe("[hidden]");
  });
});
