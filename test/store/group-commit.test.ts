import { describe, expect, it } from "vitest";
import { openSqlite } from "../../src/store/drivers/node.ts";
import { createGroupCommit } from "../../src/store/group-commit.ts";
import { isStorageUnavailable } from "../../src/store/unavailable.ts";
import { openTestDatabase } from "../support/database.ts";

async function roomWithAuthor() {
  const store = await openSqlite(":memory:");
  const author = await store.users.create("ada", "hash");
  if (!author) throw new Error("no user");
  const room = await store.rooms.create({ name: "Lobby", slug: "lobby", topic: "", createdBy: author.id });
  if (!room) throw new Error("no room");
  return { store, author, room };
}

/** The test database (its raw connection at hand, to make it refuse writes), with a room and its author. */
async function fileWithRoom() {
  const db = await openTestDatabase();
  const author = await db.store.users.create("ada", "hash");
  const room =
    author && (await db.store.rooms.create({ name: "Lobby", slug: "lobby", topic: "", createdBy: author.id }));
  if (!author || !room) throw new Error("setup");
  return { db, author, room };
}

/** The file may not take a page more, as on a full disk. */
const mayNotGrow = (db: Awaited<ReturnType<typeof openTestDatabase>>) =>
  db.sqlite.pragma(`max_page_count = ${db.sqlite.pragma("page_count", { simple: true })}`);

describe("group commit of messages", () => {
  it("stores a burst of concurrent messages in arrival order, each with its own id", async () => {
    const { store, author, room } = await roomWithAuthor();
    const bodies = Array.from({ length: 50 }, (_, i) => `message ${i}`);

    const results = await Promise.all(bodies.map((body) => store.messages.insert(room.id, author, body)));

    const ids = results.map((r) => r.message.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(50);
    expect(results.map((r) => r.message.body)).toEqual(bodies);
    expect(results.every((r) => r.created)).toBe(true);
    expect((await store.messages.latest(room.id, 100)).map((m) => [m.id, m.body])).toEqual(
      results.map((r) => [r.message.id, r.message.body]),
    );
  });

  it("fails only the message that cannot be stored; the rest of its batch is kept", async () => {
    const { store, author, room } = await roomWithAuthor();

    const outcomes = await Promise.allSettled([
      store.messages.insert(room.id, author, "before"),
      store.messages.insert(9999, author, "to a room that does not exist"),
      store.messages.insert(room.id, author, "after"),
    ]);

    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((await store.messages.latest(room.id, 10)).map((m) => m.body)).toEqual(["before", "after"]);
  });

  it("gives each message of a large mixed turn its own id and place, as stored, whatever fails in it", async () => {
    const { store, author, room } = await roomWithAuthor();
    const other = await store.rooms.create({ name: "Other", slug: "other", topic: "", createdBy: author.id });
    if (!other) throw new Error("no room");
    await store.messages.insert(room.id, author, "already here", "key-kept");
    // 150 messages in one turn: several statements of many rows, two rooms interleaved, a room
    // that does not exist in the second statement, and a key already used in the third.
    const sends = Array.from({ length: 150 }, (_, i) => {
      if (i === 70) return { roomId: 9999, body: "nowhere", key: undefined };
      if (i === 140) return { roomId: room.id, body: "resent", key: "key-kept" };
      return { roomId: i % 3 ? room.id : other.id, body: `message ${i}`, key: i % 5 ? undefined : `key-${i}` };
    });

    const outcomes = await Promise.allSettled(
      sends.map(({ roomId, body, key }) => store.messages.insert(roomId, author, body, key)),
    );

    expect(outcomes.filter((o) => o.status === "rejected")).toHaveLength(1);
    expect(outcomes[70]?.status).toBe("rejected");
    const answered = outcomes.flatMap((o, i) => (o.status === "fulfilled" && o.value ? [{ i, ...o.value }] : []));
    const resent = answered.find(({ i }) => i === 140);
    expect(resent?.created).toBe(false);
    expect(resent?.message.body).toBe("already here");
    const created = answered.filter(({ created }) => created);
    expect(created).toHaveLength(148);
    expect(created.map(({ message }) => message.body)).toEqual(created.map(({ i }) => `message ${i}`));
    const ids = created.map(({ message }) => message.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    for (const { id: roomId } of [room, other]) {
      const stored = await store.messages.after(roomId, 0, 1000);
      const answeredHere = [...(roomId === room.id ? [{ id: stored[0]?.id, seq: 1, body: "already here" }] : [])];
      for (const { message } of created.filter(({ message }) => message.roomId === roomId))
        answeredHere.push({ id: message.id, seq: message.seq, body: message.body });
      expect(stored.map(({ id, seq, body }) => ({ id, seq, body }))).toEqual(answeredHere);
      expect(stored.map((m) => m.seq)).toEqual(stored.map((_, i) => i + 1));
    }
  });

  it("fails a whole turn that meets a full disk, answered as such, and writes none of it outside its transaction", async () => {
    const { db, author, room } = await fileWithRoom();
    // The file may not grow: the turn needs new pages, though a message or two would still fit.
    mayNotGrow(db);

    const outcomes = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => db.store.messages.insert(room.id, author, `${i} ${"x".repeat(500)}`)),
    );

    expect(outcomes.every((o) => o.status === "rejected" && isStorageUnavailable(o.reason))).toBe(true);
    expect(db.count("messages")).toBe(0);
  });

  it("stops a turn at storage that refuses writes: what was written before is answered stored, the rest unavailable", async () => {
    const { db, author, room } = await fileWithRoom();
    // The disk fills at message 70, in the turn's second statement, and stays full for the turn;
    // SQLite keeps the transaction, so the first statement's rows commit.
    db.sqlite.exec(
      "CREATE TEMP TRIGGER full_disk BEFORE INSERT ON messages WHEN NEW.body >= 'message 070' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END",
    );

    const outcomes = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) =>
        db.store.messages.insert(room.id, author, `message ${String(i).padStart(3, "0")}`),
      ),
    );

    const kept = outcomes.filter((o) => o.status === "fulfilled");
    expect(kept).toHaveLength(64);
    expect(outcomes.slice(64).every((o) => o.status === "rejected" && isStorageUnavailable(o.reason))).toBe(true);
    expect(db.count("messages")).toBe(64);
  });

  it("writes nothing of a turn after SQLite rolled its transaction back: a later edit fails unavailable and changes nothing", async () => {
    const { db, author, room } = await fileWithRoom();
    const first = await db.store.messages.insert(room.id, author, "hello");
    // The file may not grow: the long message needs new pages, the edit's short text does not.
    mayNotGrow(db);

    // One turn: the long message's write comes first in the transaction, the edit after it.
    const [stored, edited] = await Promise.allSettled([
      db.store.messages.insert(room.id, author, "x".repeat(20_000)),
      db.store.messages.edit(room.id, first.message.id, "hi", new Date(), first.message),
    ]);

    expect(stored.status === "rejected" && isStorageUnavailable(stored.reason)).toBe(true);
    expect(edited.status === "rejected" && isStorageUnavailable(edited.reason)).toBe(true);
    expect((await db.store.messages.latest(room.id, 10)).map((m) => [m.body, m.changeSeq])).toEqual([["hello", 0]]);
  });

  it("keeps idempotency keys within one batch: the repeat returns the first message", async () => {
    const { store, author, room } = await roomWithAuthor();

    const [first, repeat] = await Promise.all([
      store.messages.insert(room.id, author, "once", "key-1"),
      store.messages.insert(room.id, author, "once", "key-1"),
    ]);

    expect(first?.created).toBe(true);
    expect(repeat?.created).toBe(false);
    expect(repeat?.message.id).toBe(first?.message.id);
    expect(await store.messages.latest(room.id, 10)).toHaveLength(1);
  });
});

describe("createGroupCommit", () => {
  it("runs the writes of one turn in one transaction and answers only after it commits", async () => {
    const events: string[] = [];
    const write = createGroupCommit((work) => {
      events.push("begin");
      work();
      events.push("commit");
    });

    const answers = [1, 2, 3].map((n) =>
      write(() => {
        events.push(`write ${n}`);
        return n;
      }).then((n) => events.push(`answer ${n}`)),
    );
    await Promise.all(answers);

    expect(events).toEqual(["begin", "write 1", "write 2", "write 3", "commit", "answer 1", "answer 2", "answer 3"]);
  });

  it("fails every write of a batch whose commit fails", async () => {
    const write = createGroupCommit((work) => {
      work();
      throw new Error("disk full");
    });

    const outcomes = await Promise.allSettled([write(() => 1), write(() => 2)]);

    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected"]);
  });

  it("runs no write of a batch after its transaction ended under it, and fails them all", async () => {
    let open = false;
    const ran: number[] = [];
    const write = createGroupCommit(
      (work) => {
        open = true;
        work();
        if (!open) throw new Error("cannot commit - no transaction is active");
      },
      undefined,
      () => open,
    );

    const outcomes = await Promise.allSettled([
      write(() => ran.push(1)),
      write(() => {
        ran.push(2);
        open = false; // as SQLite rolls back by itself on a full disk
        throw new Error("database or disk is full");
      }),
      write(() => ran.push(3)),
    ]);

    expect(ran).toEqual([1, 2]);
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected", "rejected"]);
  });

  it("commits the queue at once when flushed, as a closing store does, and only once", async () => {
    let commits = 0;
    const write = createGroupCommit((work) => {
      commits++;
      work();
    });
    const answers = Promise.all([write(() => "a"), write(() => "b")]);
    write.flush();
    expect(commits).toBe(1);
    expect(await answers).toEqual(["a", "b"]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(commits).toBe(1);
  });

  it("holds commits back while held (writes queue up), then commits them together", async () => {
    const batches: number[] = [];
    let size = 0;
    const write = createGroupCommit((work) => {
      size = 0;
      work();
      batches.push(size);
    });
    const count = () => size++;
    const release = write.hold();
    const early = Promise.all([write(count), write(count)]);
    await new Promise((resolve) => setImmediate(resolve));
    const later = write(count);
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([]);
    release();
    await Promise.all([early, later]);
    expect(batches).toEqual([3]);
  });

  it("commits held writes when flushed, as a closing store does", async () => {
    let commits = 0;
    const write = createGroupCommit((work) => {
      commits++;
      work();
    });
    write.hold();
    const answer = write(() => "kept");
    write.flush();
    expect(commits).toBe(1);
    expect(await answer).toBe("kept");
  });

  it("lets a closing store keep the writes already asked for", async () => {
    const { store, author, room } = await roomWithAuthor();
    const sent = store.messages.insert(room.id, author, "queued as the server stops");
    await store.close();
    expect((await sent).created).toBe(true);
  });
});
