import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type RunningServer, root, startServer } from "../support/server.ts";

/**
 * The storing ceiling (bench/servers/ceiling.ts with BATCH=1 and STORE=1) is the benchmark's
 * reference for what keeping every message costs: it must store each text once, and commit it
 * before anyone receives it, as Parley does.
 */
describe("the storing ceiling", () => {
  let server: RunningServer | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("commits every text before it publishes it, and stores each once", async () => {
    dir = mkdtempSync(join(tmpdir(), "storing-ceiling-test-"));
    server = await startServer({
      dataDir: dir,
      launch: { command: join(root, "node_modules", ".bin", "bun"), args: ["bench/servers/ceiling.ts"] },
      // Its database goes in a folder of its own under TMPDIR.
      env: { BATCH: "1", STORE: "1", TMPDIR: dir },
    });
    const [folder] = readdirSync(dir).filter((name) => name.startsWith("ceiling-store-"));
    const db = new Database(join(dir, folder as string, "ceiling.db"), { readonly: true });
    const storedCount = db.prepare("SELECT count(*) AS n FROM messages WHERE room = 'r' AND body = ?");
    const url = `${server.url.replace("http", "ws")}/?room=r`;
    const sockets = [new WebSocket(url), new WebSocket(url)];
    await Promise.all(sockets.map((socket) => new Promise((resolve) => socket.once("open", resolve))));

    const texts = Array.from({ length: 120 }, (_, i) => `text ${i}`);
    const unstoredOnArrival: string[] = [];
    const received = sockets.map(
      (socket) =>
        new Promise<string[]>((resolve) => {
          const got: string[] = [];
          socket.on("message", (data) => {
            for (const text of String(data).split("\n")) {
              // Read as it arrives: a text published before its commit would not be there yet.
              if ((storedCount.get(text) as { n: number }).n !== 1) unstoredOnArrival.push(text);
              got.push(text);
            }
            if (got.length === texts.length) resolve(got);
          });
        }),
    );
    for (const [i, text] of texts.entries()) sockets[i % 2]?.send(text);

    for (const got of await Promise.all(received)) expect([...got].sort()).toEqual([...texts].sort());
    expect(unstoredOnArrival).toEqual([]);
    expect(db.prepare("SELECT count(*) AS n FROM messages").get()).toEqual({ n: texts.length });
    for (const socket of sockets) socket.close();
    db.close();
  });

  it("with SEARCH=1, keeps Parley's search index of what it stored", async () => {
    dir = mkdtempSync(join(tmpdir(), "searching-ceiling-test-"));
    server = await startServer({
      dataDir: dir,
      launch: { command: join(root, "node_modules", ".bin", "bun"), args: ["bench/servers/ceiling.ts"] },
      env: { BATCH: "1", STORE: "1", SEARCH: "1", TMPDIR: dir },
    });
    const [folder] = readdirSync(dir).filter((name) => name.startsWith("ceiling-store-"));
    const db = new Database(join(dir, folder as string, "ceiling.db"), { readonly: true });
    const socket = new WebSocket(`${server.url.replace("http", "ws")}/?room=r`);
    await new Promise((resolve) => socket.once("open", resolve));
    const texts = Array.from({ length: 40 }, (_, i) => `word${i} shared`);
    const received = new Promise<void>((resolve) => {
      let got = 0;
      socket.on("message", (data) => {
        got += String(data).split("\n").length;
        if (got === texts.length) resolve();
      });
    });
    for (const text of texts) socket.send(text);
    await received;

    // Indexed by its timer, as Parley's batches are: the mark reaches the newest message.
    const mark = db.prepare("SELECT indexed_through AS n FROM search_progress");
    await expect.poll(() => (mark.get() as { n: number }).n, { timeout: 5_000, interval: 50 }).toBe(texts.length);
    const found = (word: string) =>
      (db.prepare("SELECT count(*) AS n FROM messages_search WHERE messages_search MATCH ?").get(word) as { n: number })
        .n;
    expect(found("word7")).toBe(1);
    expect(found("shared")).toBe(texts.length);
    socket.close();
    db.close();
  });
});
