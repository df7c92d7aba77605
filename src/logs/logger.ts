import pino, { type Logger } from "pino";
import pretty from "pino-pretty";

/** The levels LOG_LEVEL (and the kit's logLevel) takes, most severe first; "silent" logs nothing. */
export const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof logLevels)[number];

/** Parley's log: pino's, so a host may hand in its own (or a child of it). */
export type Log = Logger;

/**
 * Keys that must never reach a log line whatever a caller passes: what people wrote and what
 * lets someone in. Nothing in Parley logs them; this is the second lock on the door.
 */
const secrets = [
  "body",
  "password",
  "token",
  "cookie",
  "authorization",
  "*.body",
  "*.password",
  "*.token",
  "*.cookie",
  "*.authorization",
];

/**
 * One JSON object per line on standard output, or readable text when a person watches a terminal.
 * pino-pretty runs as a stream in this thread, not a worker transport: a worker is one more
 * thread to start in a compiled binary and on Deno, and a line in its queue is lost at exit.
 */
export function createLogger(
  level: LogLevel = "info",
  text = isTerminal(),
  destination?: { write(line: string): void },
): Log {
  const options = {
    level,
    // Neither pid nor hostname: the process supervisor adds where a line came from.
    base: undefined,
    // "level":"warn", not 40: read by people and log shippers alike.
    formatters: { level: (label: string) => ({ level: label }) },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: secrets, censor: "[hidden]" },
    serializers: { err: errorLine },
  };
  if (destination) return pino(options, destination);
  if (!text) return pino(options);
  return pino(options, pretty({ sync: true, colorize: true, translateTime: "SYS:HH:MM:ss.l", singleLine: true }));
}

const isTerminal = () => Boolean(process.stdout?.isTTY);

/** drizzle's failed query says its parameters (a message's text, a password's hash) after "params:". */
const withoutParams = (text: string | undefined) =>
  text?.replace(/\nparams: [\s\S]*?(?=\n {4}at |$)/, "\nparams: [hidden]");

/**
 * An error as a log line holds it: its type, message, stack, code and causes, and nothing else.
 * pino's own serializer copies every property, and a database error carries the statement's
 * parameters (drizzle's `params`): what someone wrote would reach the log.
 */
function errorLine(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error)) return error;
  const { code } = error as { code?: unknown };
  return {
    type: error.name,
    message: withoutParams(error.message),
    stack: withoutParams(error.stack),
    ...(typeof code === "string" || typeof code === "number" ? { code } : {}),
    ...(error.cause !== undefined && depth < 3 ? { cause: errorLine(error.cause, depth + 1) } : {}),
  };
}

/** A `(line) => void` log of the kind Parley's parts take (Redis, presence, delivery), at one level. */
export const linesTo =
  (log: Log, level: "error" | "warn" | "info" = "error") =>
  (line: string): void =>
    log[level](line);

/**
 * Says where the server listens whatever LOG_LEVEL is: people, supervisors and tests (PORT=0)
 * read the port from this line, so even "silent" keeps it.
 */
export const announce = (log: Log, fields: Record<string, unknown>, line: string): void =>
  log.child({}, { level: "info" }).info(fields, line);
