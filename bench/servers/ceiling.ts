import { firstStored } from "../../src/store/records.ts";

/**
 * The ceiling: a bare Bun server that subscribes each socket to its room and publishes every
 * text it gets to that room, sender included (Parley's and Socket.IO's semantics). No storage,
 * no HTML, no validation: the most any Bun chat server can deliver on this machine.
 * With PAD_TO=n, each published text is padded with spaces to n characters: the same fan-out
 * carrying frames as large as Parley's HTML, so bytes on the wire cost both the same.
 * With FRAME=parley, each text goes out as the message fragment Parley would broadcast (real
 * HTML, as compressible as Parley's); with DEFLATE=1, permessage-deflate is on
 * (bench/compression.ts compares the two). With BATCH=1, a room's texts of one event-loop turn
 * go out as one frame, one per line, as Parley sends a turn's fragments
 * (src/delivery/coalescing-fanout.ts), in frames of at most about 64 KB as Parley's: the
 * like-for-like limit for Parley's way of sending. With STORE=1 as well, each turn's texts are
 * stored in SQLite and committed before they are published (bench/servers/stored-turns.ts): the
 * storing ceiling, the limit for a server that keeps every message as Parley does. With SEARCH=1
 * too, the searching ceiling: it also keeps Parley's search index of what it stored.
 */
const asParley = process.env.FRAME === "parley";
// Loaded only then: the plain ceiling carries none of Parley's code.
const { messagesFragment } = asParley ? await import("../../src/rooms/broadcasts.tsx") : { messagesFragment: null };
const { rootPaths } = asParley ? await import("../../views/paths.ts") : { rootPaths: null };
let id = 0;
const author = { id: 1, username: "bench-7", displayName: null, avatar: null, kind: "account" as const };
const fragmentOf = (text: string) =>
  (messagesFragment as NonNullable<typeof messagesFragment>)(
    { id: 1 },
    [
      {
        ...firstStored({
          id: ++id,
          seq: id,
          roomId: 1,
          body: text,
          createdAt: new Date(),
          author,
          image: null,
          replyTo: null,
        }),
        people: new Set<string>(),
      },
    ],
    rootPaths as NonNullable<typeof rootPaths>,
  );
const padTo = Number(process.env.PAD_TO ?? 0);
const padding = " ".repeat(padTo);
const pad = (text: string | Buffer) => {
  const chat = String(text);
  return chat.length < padTo ? chat + padding.slice(chat.length) : chat;
};
const pending = new Map<string, string[]>();
// Loaded only then: the other ceilings hold no database.
const stored =
  process.env.STORE === "1"
    ? (await import("./stored-turns.ts")).storedTurns(() => setImmediate(flush), { search: process.env.SEARCH === "1" })
    : null;
/** As Parley's frames (src/delivery/coalescing-fanout.ts): a large turn goes out in frames of about 64 KB, not one. */
const frameChars = 64 * 1024;
const flush = () => {
  if (stored) {
    // Held while the checkpoint thread starts the log afresh: the turn waits, as Parley's does.
    if (stored.held() || pending.size === 0) return;
    stored.commit(pending);
  }
  for (const [room, texts] of pending) {
    let frame = "";
    for (const text of texts) {
      if (frame && frame.length + text.length > frameChars) {
        server.publish(room, frame);
        frame = "";
      }
      frame = frame ? `${frame}\n${text}` : text;
    }
    server.publish(room, frame);
  }
  pending.clear();
};
const publish =
  process.env.BATCH === "1"
    ? (room: string, text: string) => {
        if (pending.size === 0) setImmediate(flush);
        const queued = pending.get(room);
        if (queued) queued.push(text);
        else pending.set(room, [text]);
      }
    : (room: string, text: string | Buffer) => void server.publish(room, text);
const server = Bun.serve<{ room: string }>({
  port: Number(process.env.PORT ?? 0),
  fetch(request, server) {
    const room = new URL(request.url).searchParams.get("room") ?? "lobby";
    if (server.upgrade(request, { data: { room } })) return undefined;
    return new Response("a WebSocket server", { status: 426 });
  },
  websocket: {
    open: (ws) => void ws.subscribe(ws.data.room),
    message: asParley
      ? async (ws, text) => publish(ws.data.room, await fragmentOf(String(text)))
      : padTo
        ? (ws, text) => publish(ws.data.room, pad(text))
        : (ws, text) => publish(ws.data.room, text as string),
    perMessageDeflate: process.env.DEFLATE === "1",
    idleTimeout: 120,
  },
});
console.log(`ceiling listening on http://localhost:${server.port}`);
process.on("SIGTERM", async () => {
  await stored?.close();
  process.exit(0);
});
