import { isKey } from "../message-input.ts";
import { messageRules } from "../message-rules.ts";

/** A frame's fields as htmx's hx-ws:send sends them: the sending element's fields at the top level, plus `headers`. */
export type Fields = Record<string, unknown>;

/**
 * One kind of frame a socket takes, in a file of its own (src/rooms/frames/): `read` checks the
 * frame's own fields (a string is the reason it is refused, shown to the sender alone), `handle`
 * acts on it once the socket has joined its room. Methods, so a table can hold kinds of any frame.
 */
export interface FrameKind<S, F = unknown> {
  read(fields: Fields): F | string;
  handle(socket: S, frame: F): Promise<void>;
  /** What the sender hears when the frame could not be handled (its handler or the join threw); logged either way. */
  failed?(socket: S, frame: F): Promise<void>;
}

/** A socket's frame kinds: a new kind is its file and one line in `kinds`. */
export interface FrameTable<S> {
  /** By the field that names each kind: the first of these a frame has, in this order, picks it. */
  kinds: Record<string, FrameKind<S>>;
  /** What a frame that names no kind is taken as; none: it is refused. */
  otherwise?: FrameKind<S>;
}

/** What a socket offers the frames it takes: its join, which each frame waits for, and its log. */
export interface FrameSocket {
  readonly joined: Promise<void>;
  log(error: unknown): void;
}

export type ReadFrame<S> = { ok: true; kind: FrameKind<S>; frame: unknown } | { ok: false; error: string };

const isFields = (value: unknown): value is Fields =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const notTaken = { ok: false, error: "That frame is not a message." } as const;
/** The reason a frame over 64 KB is refused (the metrics count it apart). */
export const frameTooLarge = "That frame is too large.";

/**
 * Reads one frame: JSON text of at most 64 KB, an object whose `key` (an idempotency key) and
 * `headers` are well formed, then its kind's own fields. Checked by hand, like a message's body:
 * every message passes here.
 */
export function readFrame<S>(data: string | ArrayBufferLike | Blob, table: FrameTable<S>): ReadFrame<S> {
  if (typeof data !== "string") return { ok: false, error: "Frames must be JSON text." };
  if (data.length > messageRules.maxFrameBytes) return { ok: false, error: frameTooLarge };
  let fields: unknown;
  try {
    fields = JSON.parse(data);
  } catch {
    return { ok: false, error: "That frame is not valid JSON." };
  }
  if (!isFields(fields)) return notTaken;
  const { key, headers } = fields;
  if ((key !== undefined && !isKey(key)) || (headers !== undefined && !isFields(headers))) return notTaken;
  let kind = table.otherwise;
  for (const field in table.kinds) {
    if (fields[field] !== undefined) {
      kind = table.kinds[field];
      break;
    }
  }
  if (!kind) return notTaken;
  const frame = kind.read(fields);
  return typeof frame === "string" ? { ok: false, error: frame } : { ok: true, kind, frame };
}

/**
 * Takes one frame: read, then handled once the socket has joined, so a sender always gets its own
 * broadcast. Returns why it was refused, if it was (the caller decides whether to say so).
 */
export function takeFrame<S extends FrameSocket>(
  socket: S,
  data: string | ArrayBufferLike | Blob,
  table: FrameTable<S>,
): string | undefined {
  const read = readFrame(data, table);
  if (!read.ok) return read.error;
  const { kind, frame } = read;
  socket.joined
    .then(() => kind.handle(socket, frame))
    .catch((error) => {
      socket.log(error);
      return kind.failed?.(socket, frame);
    })
    .catch((error) => socket.log(error));
  return undefined;
}
