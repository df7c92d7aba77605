import type { Context } from "hono";
import type { PageLayout } from "../../views/site.ts";
import type { ObjectStorage } from "../files/bucket-folder.ts";
import type { Log, LogLevel } from "../logs/logger.ts";

export type { PageLayout, PageLayoutProps } from "../../views/site.ts";
export type { ObjectStorage } from "../files/bucket-folder.ts";

/** A person as the host app knows them: its own id, and what Parley shows of them. */
export interface Person {
  /** The host's id for the person; the same id is always the same Parley user. */
  id: string;
  /** Shown beside their messages and in "Here now"; kept current from each request. */
  name: string;
  /** Their picture: an https address, or a path on the host's own site. Unset: initials on a colour. */
  avatarUrl?: string | null;
}

/** A message about to be stored: the host may refuse it (beforeMessage). */
export interface MessageDraft {
  room: { slug: string; name: string };
  author: { id: string | null; username: string; name: string };
  body: string;
}

/** A message as stored and sent to every page in its room (afterMessage, post). */
export interface PostedMessage {
  id: number;
  room: { slug: string; name: string };
  author: { id: string | null; username: string; name: string };
  body: string;
  createdAt: string;
}

/**
 * `createParley`'s options: where Parley is mounted, where it keeps its data, who is signed in,
 * and the host's say around each message. Every one is optional: `createParley()` alone is a
 * whole chat with its own accounts, a SQLite file in `./data` and an in-process bus.
 */
export interface ParleyOptions {
  /** Where the host mounts `app` (`app.route(basePath, parley.app)`); every URL Parley writes carries it. Default "". */
  basePath?: string;
  /** SQLite database, uploads and generated secrets. Default "./data". */
  dataDir?: string;
  /** `postgres://…` for PostgreSQL (many hosts); unset: SQLite in `dataDir`. */
  database?: string;
  /**
   * Uploads in a bucket instead of `dataDir/files`, so hosts need no shared folder. Still served
   * through Parley's `/files/…` (the room's access rules hold). Unset: `dataDir/files`.
   */
  objectStorage?: ObjectStorage;
  /** `redis://…` to share rooms with other instances; unset: an in-process bus. */
  redisUrl?: string;
  /**
   * A Redis Cluster instead (`["10.0.0.1:6379", "10.0.0.2:6379"]`, any of its nodes; the rest are
   * found): rooms use sharded pub/sub. Not with `redisUrl`.
   */
  redisClusterNodes?: string[];
  /** Keeps several deployments apart on one Redis (letters, digits, `.`, `_`, `-`). */
  busNamespace?: string;
  /** The public origin (`https://chat.example`) when a proxy changes the Host; unset: the request's. */
  publicOrigin?: string;
  /** Who runs Parley, told to push services with each Web Push: `mailto:…` or `https://…`. Unset: from publicOrigin. */
  pushSubject?: string;
  /** False lifts every rate limit (load tests only). Default true. */
  rateLimit?: boolean;
  /** How many reverse proxies in front append to X-Forwarded-For. Default 0. */
  trustProxy?: number;
  /**
   * Parley's own accounts that administer it (`/admin`), besides the first account ever made.
   * With `identify` there are no accounts: the host app keeps its own administration.
   */
  adminUsernames?: string[];
  /**
   * Turns on `GET <basePath>/metrics` (Prometheus text) for requests with
   * `Authorization: Bearer <metricsToken>`; at least 16 characters. Unset: no such route.
   */
  metricsToken?: string;
  /** How much Parley logs: "fatal", "error", "warn", "info" (the default), "debug", "trace" or "silent". */
  logLevel?: LogLevel;
  /**
   * Your own pino logger (or a child of it) to write Parley's lines; `logLevel` is then yours to
   * set on it. Unset: JSON lines on standard output, readable text on a terminal.
   */
  logger?: Log;
  /**
   * The host's signed-in person for a request (its cookie, its session), or null for a visitor
   * it does not know. Unset: Parley keeps its own accounts (sign-up, log-in, settings).
   */
  identify?: (c: Context) => Person | null | Promise<Person | null>;
  /** Where pages send a visitor `identify` returns null for (`?next=` is added). Required with identify. */
  signInUrl?: string;
  /** Before a message is stored: a string refuses it (the sender sees it), undefined lets it through. */
  beforeMessage?: (draft: MessageDraft) => string | undefined | Promise<string | undefined>;
  /** After a message is stored and sent: bots, webhooks, indexing elsewhere. Errors are logged, never shown. */
  afterMessage?: (message: PostedMessage) => void | Promise<void>;
  /**
   * Your page around Parley's: gets `{ title, head, children, person }`; put `head` in your
   * `<head>` and `children` in your `<body>` (under your header). The embed keeps Parley's own.
   */
  layout?: PageLayout;
  /** Your stylesheets (same origin), after Parley's: override its CSS custom properties (docs/kit.md). */
  stylesheets?: string[];
}
