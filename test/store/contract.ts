import { afterEach, describe, expect, it } from "vitest";
import type { MessageAuthor } from "../../src/store/records.ts";
import { unreadCap } from "../../src/store/rooms.ts";
import type { Store } from "../../src/store/store.ts";
import { searchContract } from "./search-contract.ts";

/**
 * The storage port's contract, run against every adapter (sqlite.test.ts, postgres.test.ts):
 * each test opens an empty store of its own with `open`.
 */
export function storeContract(adapter: string, open: () => Promise<Store>) {
  let opened: Store[] = [];
  const fresh = async () => {
    const store = await open();
    opened.push(store);
    return store;
  };
  afterEach(async () => {
    for (const store of opened) await store.close();
    opened = [];
  });

  const withAuthorAndRoom = async () => {
    const store = await fresh();
    const ada = await store.users.create("Ada", "hash-a");
    if (!ada) throw new Error("no user");
    const room = await store.rooms.create({ name: "Lobby", slug: "lobby", topic: "", createdBy: ada.id });
    if (!room) throw new Error("no room");
    return { store, ada, room };
  };
  const post = async (store: Store, roomId: number, author: MessageAuthor, bodies: string[]) => {
    const ids: number[] = [];
    for (const body of bodies) ids.push((await store.messages.insert(roomId, author, body)).message.id);
    return ids;
  };
  const bodiesOf = (messages: { body: string }[]) => messages.map((m) => m.body);
  const recent = (date: Date) => Math.abs(date.getTime() - Date.now()) < 60_000;

  describe(`the store on ${adapter}`, () => {
    searchContract(fresh);

    describe("users", () => {
      it("are created once per username, whatever its case, and found by it", async () => {
        const store = await fresh();
        const ada = await store.users.create("Ada", "hash");
        expect(ada).toMatchObject({ username: "ada" });
        expect(recent(ada?.createdAt ?? new Date(0))).toBe(true);
        expect(await store.users.create("ADA", "other")).toBeNull();
        expect(await store.users.findByUsername("aDa")).toEqual({ ...ada, passwordHash: "hash" });
        expect(await store.users.findByUsername("nobody")).toBeNull();
      });

      it("tell which of some usernames belong to someone, whatever their case", async () => {
        const store = await fresh();
        await store.users.create("ada", "hash");
        await store.users.create("grace", "hash");
        expect((await store.users.existing(["ADA", "nobody", "grace", "Grace"])).sort()).toEqual(["ada", "grace"]);
        expect(await store.users.existing([])).toEqual([]);
      });

      it("keep a password hash that can be changed", async () => {
        const store = await fresh();
        const ada = await store.users.create("ada", "old");
        if (!ada) throw new Error("no user");
        await store.users.setPasswordHash(ada.id, "new");
        expect(await store.users.passwordHashOf(ada.id)).toBe("new");
        expect(await store.users.passwordHashOf(ada.id + 1000)).toBeNull();
      });
    });

    describe("profiles and files", () => {
      it("keep a display name, a bio and an avatar, handed out with the user everywhere", async () => {
        const store = await fresh();
        const ada = await store.users.create("ada", "hash");
        if (!ada) throw new Error("no user");
        expect(ada).toMatchObject({ displayName: null, bio: "", avatar: null });
        const file = { hash: "ab".repeat(32), type: "image/png" as const, width: 64, height: 48, bytes: 1234 };
        await store.files.record(file);
        await store.files.record({ ...file, bytes: 1 });
        expect(await store.files.find(file.hash)).toEqual(file);
        expect(await store.files.find("cd".repeat(32))).toBeNull();

        await store.users.setProfile(ada.id, { displayName: "Ada L.", bio: "Counts\nthings", avatar: file.hash });
        const expected = {
          ...ada,
          displayName: "Ada L.",
          bio: "Counts\nthings",
          avatar: { name: expect.stringMatching(/^(ab)+\.png$/), width: 64, height: 48 },
        };
        expect(await store.users.findById(ada.id)).toEqual(expected);
        expect(await store.users.findByUsername("ada")).toEqual({ ...expected, passwordHash: "hash" });
        await store.sessions.create("s", ada.id, new Date(Date.now() + 60_000));
        expect((await store.sessions.find("s", new Date()))?.user).toEqual(expected);
        await store.apiTokens.create(ada.id, "bot", "t");
        expect(await store.apiTokens.use("t", new Date())).toEqual(expected);

        await store.users.setProfile(ada.id, { displayName: null, bio: "", avatar: null });
        expect(await store.users.findById(ada.id)).toEqual(ada);
        expect(await store.users.findById(ada.id + 1000)).toBeNull();
      });

      it("refuse an avatar whose file was never recorded", async () => {
        const store = await fresh();
        const ada = await store.users.create("ada", "hash");
        if (!ada) throw new Error("no user");
        await expect(
          store.users.setProfile(ada.id, { displayName: null, bio: "", avatar: "ef".repeat(32) }),
        ).rejects.toThrow();
      });
    });

    describe("sessions", () => {
      it("find their user until they expire, and can be extended", async () => {
        const store = await fresh();
        const ada = await store.users.create("ada", "hash");
        if (!ada) throw new Error("no user");
        const now = new Date();
        const soon = new Date(now.getTime() + 60_000);
        await store.sessions.create("s1", ada.id, soon);
        expect(await store.sessions.find("s1", now)).toEqual({ user: ada, expiresAt: soon, roomId: null });
        expect(await store.sessions.find("s1", new Date(soon.getTime() + 1))).toBeNull();
        const later = new Date(now.getTime() + 3_600_000);
        await store.sessions.extend("s1", later);
        expect((await store.sessions.find("s1", soon))?.expiresAt).toEqual(later);
        expect(await store.sessions.find("unknown", now)).toBeNull();
      });

      it("are deleted one by one, all but one, or when expired", async () => {
        const store = await fresh();
        const ada = await store.users.create("ada", "hash");
        if (!ada) throw new Error("no user");
        const now = new Date();
        const future = new Date(now.getTime() + 60_000);
        for (const id of ["a", "b", "c", "d"]) await store.sessions.create(id, ada.id, future);
        await store.sessions.create("old", ada.id, new Date(now.getTime() - 1));
        await store.sessions.delete("a");
        expect(await store.sessions.find("a", now)).toBeNull();
        await store.sessions.deleteOthers(ada.id, "b");
        expect(await store.sessions.find("b", now)).not.toBeNull();
        expect(await store.sessions.find("c", now)).toBeNull();
        await store.sessions.create("old2", ada.id, new Date(now.getTime() - 1));
        await store.sessions.deleteExpired(now);
        expect(await store.sessions.find("old2", new Date(0))).toBeNull();
        expect(await store.sessions.find("b", now)).not.toBeNull();
      });
    });

    describe("API tokens", () => {
      it("are listed newest first, name their owner when used, and are revoked by their owner only", async () => {
        const store = await fresh();
        const ada = await store.users.create("ada", "hash");
        const bob = await store.users.create("bob", "hash");
        if (!ada || !bob) throw new Error("no users");
        const first = await store.apiTokens.create(ada.id, "laptop", "h1");
        const second = await store.apiTokens.create(ada.id, "bot", "h2");
        expect(first).toMatchObject({ name: "laptop", lastUsedAt: null });
        expect((await store.apiTokens.listFor(ada.id)).map((t) => t.name)).toEqual(["bot", "laptop"]);

        const usedAt = new Date(Date.now() - 5_000);
        expect(await store.apiTokens.use("h2", usedAt)).toEqual(ada);
        expect((await store.apiTokens.listFor(ada.id))[0]?.lastUsedAt).toEqual(usedAt);
        expect(await store.apiTokens.use("unknown", usedAt)).toBeNull();

        await store.apiTokens.revoke(bob.id, second.id);
        expect(await store.apiTokens.listFor(ada.id)).toHaveLength(2);
        await store.apiTokens.revoke(ada.id, second.id);
        expect(await store.apiTokens.use("h2", usedAt)).toBeNull();
        expect(await store.apiTokens.listFor(bob.id)).toEqual([]);
      });

      it("are revoked all at once for their owner, no one else's", async () => {
        const store = await fresh();
        const ada = await store.users.create("ada", "hash");
        const bob = await store.users.create("bob", "hash");
        if (!ada || !bob) throw new Error("no users");
        await store.apiTokens.create(ada.id, "laptop", "h1");
        await store.apiTokens.create(ada.id, "bot", "h2");
        await store.apiTokens.create(bob.id, "bob's bot", "h3");
        expect(await store.apiTokens.revokeAll(ada.id)).toBe(2);
        expect(await store.apiTokens.listFor(ada.id)).toEqual([]);
        expect(await store.apiTokens.use("h1", new Date())).toBeNull();
        expect(await store.apiTokens.use("h3", new Date())).toEqual(bob);
        expect(await store.apiTokens.revokeAll(ada.id)).toBe(0);
      });
    });

    describe("rooms", () => {
      it("are created once per slug and found by slug, or by name whatever its case", async () => {
        const { store, ada, room } = await withAuthorAndRoom();
        expect(room).toMatchObject({ slug: "lobby", name: "Lobby", topic: "", createdBy: ada.id });
        expect(await store.rooms.create({ name: "Other", slug: "lobby", topic: "", createdBy: ada.id })).toBeNull();
        expect(await store.rooms.findBySlug("lobby")).toEqual(room);
        expect(await store.rooms.findBySlug("nowhere")).toBeNull();
        expect(await store.rooms.findByName("LOBBY")).toEqual(room);
        expect(await store.rooms.findByName("nothing")).toBeNull();
        await store.rooms.setTopic(room.id, "Say hello");
        expect((await store.rooms.findBySlug("lobby"))?.topic).toBe("Say hello");
      });

      it("count their members, each once however often they join", async () => {
        const { store, ada, room } = await withAuthorAndRoom();
        const bob = await store.users.create("bob", "hash");
        if (!bob) throw new Error("no user");
        expect(await store.rooms.memberCount(room.id)).toBe(0);
        await store.rooms.join(room.id, ada.id);
        await store.rooms.join(room.id, ada.id);
        await store.rooms.join(room.id, bob.id);
        expect(await store.rooms.memberCount(room.id)).toBe(2);
      });

      it("are public unless made otherwise, and tell what a person is to them", async () => {
        const { store, ada, room } = await withAuthorAndRoom();
        expect(room.visibility).toBe("public");
        expect(await store.rooms.standing(room.id, ada.id)).toEqual({ role: null, banned: false });
        await store.rooms.join(room.id, ada.id);
        expect(await store.rooms.standing(room.id, ada.id)).toEqual({ role: "member", banned: false });
      });

      it("list their members by the name each shows, up to a limit", async () => {
        const { store, ada, room } = await withAuthorAndRoom();
        const bob = await store.users.create("bob", "hash");
        const cy = await store.users.create("cy", "hash");
        if (!bob || !cy) throw new Error("no user");
        await store.users.setProfile(cy.id, { displayName: "Aaron", bio: "" });
        for (const person of [ada, bob, cy]) await store.rooms.join(room.id, person.id);
        const members = await store.members.roster(room.id, 10);
        expect(members.map((m) => [m.username, m.displayName])).toEqual([
          ["cy", "Aaron"],
          ["ada", null],
          ["bob", null],
        ]);
        expect(await store.members.roster(room.id, 2)).toHaveLength(2);
        const empty = await store.rooms.create({ name: "Empty", slug: "empty", topic: "", createdBy: ada.id });
        expect(await store.members.roster(empty?.id ?? -1, 10)).toEqual([]);
      });

      it("list most recently active first, then by name, with their newest message", async () => {
        const { store, ada, room: lobby } = await withAuthorAndRoom();
        const make = async (name: string) => {
          const room = await store.rooms.create({ name, slug: name.toLowerCase(), topic: "", createdBy: ada.id });
          if (!room) throw new Error("no room");
          return room;
        };
        const quiet = await make("Quiet");
        const busy = await make("Busy");
        const also = await make("Also");
        await post(store, busy.id, ada, ["one"]);
        const [lastInLobby] = await post(store, lobby.id, ada, ["two"]);

        const all = await store.rooms.listWithActivity();
        expect(all.map((r) => r.slug)).toEqual(["lobby", "busy", "also", "quiet"]);
        expect(all[0]?.lastMessage).toMatchObject({ id: lastInLobby, body: "two", name: "ada" });
        expect(recent(all[0]?.lastMessage?.createdAt ?? new Date(0))).toBe(true);
        expect(all.find((r) => r.id === quiet.id)?.lastMessage).toBeNull();
        // By the name messages show: the display name once there is one.
        await store.users.setProfile(ada.id, { displayName: "Ada L.", bio: "" });
        expect((await store.rooms.listWithActivity())[0]?.lastMessage).toMatchObject({ name: "Ada L." });

        const page = await store.rooms.listWithActivity({ limit: 2, offset: 1 });
        expect(page.map((r) => r.slug)).toEqual(["busy", "also"]);

        await store.rooms.join(lobby.id, ada.id);
        await store.rooms.join(also.id, ada.id);
        expect((await store.rooms.listWithActivity(undefined, ada.id)).map((r) => r.slug)).toEqual(["busy", "quiet"]);
        expect((await store.rooms.listJoinedBy(ada.id)).map((r) => r.slug)).toEqual(["lobby", "also"]);
      });

      it("sort names by their characters, capitals first, as SQLite does", async () => {
        const { store, ada } = await withAuthorAndRoom();
        for (const name of ["beta", "Zeta", "alpha"])
          await store.rooms.create({ name, slug: name.toLowerCase(), topic: "", createdBy: ada.id });
        expect((await store.rooms.listWithActivity()).map((r) => r.name)).toEqual(["Lobby", "Zeta", "alpha", "beta"]);
      });
    });

    describe("read state", () => {
      it("starts a newcomer read up to the newest message, then counts what others post after the mark", async () => {
        const { store, ada, room } = await withAuthorAndRoom();
        const bob = await store.users.create("bob", "hash");
        if (!bob) throw new Error("no user");
        const [before] = await post(store, room.id, ada, ["before bob came"]);
        await store.rooms.join(room.id, bob.id);
        expect(await store.rooms.readState(room.id, bob.id)).toEqual({
          lastReadId: before,
          unread: 0,
          mentions: 0,
          notify: "mentions",
        });
        const ids = await post(store, room.id, ada, ["one", "two", "@bob three"]);
        await post(store, room.id, bob, ["bob's own does not count"]);
        expect(await store.messages.addMentions(room.id, ids[2] ?? 0, ["Bob", "nobody"])).toEqual([bob.id]);
        expect(await store.rooms.readState(room.id, bob.id)).toMatchObject({ unread: 3, mentions: 1 });

        expect(await store.rooms.markRead(room.id, bob.id, ids[1] ?? 0)).toBe(ids[1]);
        expect(await store.rooms.readState(room.id, bob.id)).toMatchObject({ unread: 1, mentions: 1 });
        // Never back.
        expect(await store.rooms.markRead(room.id, bob.id, ids[0] ?? 0)).toBe(ids[1]);
        expect(await store.rooms.markRead(room.id, bob.id, ids[2] ?? 0)).toBe(ids[2]);
        expect(await store.rooms.readState(room.id, bob.id)).toMatchObject({ unread: 0, mentions: 0 });
      });

      it("clamps a read mark to the room's newest message, so what comes later still counts", async () => {
        const { store, ada, room } = await withAuthorAndRoom();
        const bob = await store.users.create("bob", "hash");
        if (!bob) throw new Error("no user");
        await store.rooms.join(room.id, bob.id);
        const ids = await post(store, room.id, ada, ["one", "two"]);
        expect(await store.rooms.markRead(room.id, bob.id, 1e12)).toBe(ids[1]);
        await post(store, room.id, ada, ["three"]);
        expect(await store.rooms.readState(room.id, bob.id)).toMatchObject({ unread: 1 });
      });

      it("stops counting unread at the cap", async () => {
        const { store, ada, room } = await withAuthorAndRoom();
        const bob = await store.users.create("bob", "hash");
        if (!bob) throw new Error("no user");
        await store.rooms.join(room.id, bob.id);
        await Promise.all(Array.from({ length: unreadCap + 5 }, (_, i) => store.messages.insert(room.id, ada, `${i}`)));
        expect((await store.rooms.readState(room.id, bob.id)).unread).toBe(unreadCap);
      });

      it("lists joined rooms with their read state and notification choice; leaving removes one", async () => {
        const { store, ada, room } = await withAuthorAndRoom();
        const other = await store.rooms.create({ name: "Other", slug: "other", topic: "", createdBy: ada.id });
        const bob = await store.users.create("bob", "hash");
        if (!other || !bob) throw new Error("setup");
        await store.rooms.join(room.id, bob.id);
        await store.rooms.join(other.id, bob.id);
        await post(store, other.id, ada, ["news"]);
        await store.rooms.setNotify(room.id, bob.id, "all");
        const joined = await store.rooms.listJoinedBy(bob.id);
        expect(joined.map((r) => [r.slug, r.unread, r.notify])).toEqual([
          ["other", 1, "mentions"],
          ["lobby", 0, "all"],
        ]);
        await store.rooms.leave(other.id, bob.id);
        await store.rooms.leave(other.id, bob.id);
        expect((await store.rooms.listJoinedBy(bob.id)).map((r) => r.slug)).toEqual(["lobby"]);
        expect(await store.rooms.readState(other.id, bob.id)).toEqual({
          lastReadId: 0,
          unread: 0,
          mentions: 0,
          notify: "mentions",
        });
      });
    });

    describe("messages", () => {
      it("are stored with their id, time and author", async () => {
        const { store, ada, room } = await withAuthorAndRoom();
        const { message, created } = await store.messages.insert(room.id, ada, "hello");
        expect(created).toBe(true);
        expect(message).toMatchObject({ roomId: room.id, body: "hello", author: { id: ada.id, username: "ada" } });
        expect(recent(message.createdAt)).toBe(true);
        expect(await store.messages.latest(room.id, 10)).toEqual([message]);
      });

      it("have ids that grow in the order they were stored, unique across rooms", async () => {
        const { store, ada, room } = await withAuthorAndRoom();
        const other = await store.rooms.create({ name: "Other", slug: "other", topic: "", createdBy: ada.id });
        if (!other) throw new Error("no room");
        const ids = [
          ...(await post(store, room.id, ada, ["a"])),
          ...(await post(store, other.id, ada, ["b"])),
          ...(await post(store, room.id, ada, ["c"])),
        ];
        expect(ids).toEqual([...ids].sort((x, y) => x - y));
        expect(new Set(ids).size).toBe(3);
      });

      it("page newest-first by before, oldest-first by after, latest with neither; always in id order", async () => {
        const { store, ada, room } = await withAuthorAndRoom();
        const other = await store.rooms.create({ name: "Other", slug: "other", topic: "", createdBy: ada.id });
        if (!other) throw new Error("no room");
        const bodies = Array.from({ length: 10 }, (_, i) => `m${i}`);
        const ids = await post(store, room.id, ada, bodies);
        await post(store, other.id, ada, ["elsewhere"]);
        const at = (i: number) => ids[i] ?? -1;

        expect(bodiesOf(await store.messages.latest(room.id, 3))).toEqual(["m7", "m8", "m9"]);
        expect(bodiesOf(await store.messages.latest(room.id, 50))).toEqual(bodies);
        expect(bodiesOf(await store.messages.before(room.id, at(5), 3))).toEqual(["m2", "m3", "m4"]);
        expect(bodiesOf(await store.messages.before(room.id, at(1), 3))).toEqual(["m0"]);
        expect(bodiesOf(await store.messages.after(room.id, at(5), 3))).toEqual(["m6", "m7", "m8"]);
        expect(bodiesOf(await store.messages.after(room.id, at(8), 3))).toEqual(["m9"]);
        expect(bodiesOf(await store.messages.after(room.id, 0, 2))).toEqual(["m0", "m1"]);
        expect(await store.messages.after(room.id, at(9), 3)).toEqual([]);
        expect(await store.messages.latest(room.id + 1000, 3)).toEqual([]);
      });

      it("are stored once per idempotency key, per sender and room", async () => {
        const { store, ada, room } = await withAuthorAndRoom();
        const bob = await store.users.create("bob", "hash");
        const other = await store.rooms.create({ name: "Other", slug: "other", topic: "", createdBy: ada.id });
        if (!bob || !other) throw new Error("setup");
        const first = await store.messages.insert(room.id, ada, "once", "k1");
        const again = await store.messages.insert(room.id, ada, "once", "k1");
        expect(again).toEqual({ message: first.message, created: false });
        expect((await store.messages.insert(room.id, bob, "bob's", "k1")).created).toBe(true);
        expect((await store.messages.insert(other.id, ada, "there", "k1")).created).toBe(true);
        expect((await store.messages.insert(room.id, ada, "no key")).created).toBe(true);
        expect((await store.messages.insert(room.id, ada, "no key")).created).toBe(true);
        expect(bodiesOf(await store.messages.latest(room.id, 10))).toEqual(["once", "bob's", "no key", "no key"]);
      });

      it("commit a burst together, in arrival order, answering each sender", async () => {
        const { store, ada, room } = await withAuthorAndRoom();
        const bodies = Array.from({ length: 200 }, (_, i) => `burst ${i}`);
        const results = await Promise.all(bodies.map((body) => store.messages.insert(room.id, ada, body)));
        const ids = results.map((r) => r.message.id);
        expect(ids).toEqual([...ids].sort((a, b) => a - b));
        expect(new Set(ids).size).toBe(200);
        expect(results.every((r) => r.created)).toBe(true);
        expect((await store.messages.latest(room.id, 300)).map((m) => [m.id, m.body])).toEqual(
          results.map((r) => [r.message.id, r.message.body]),
        );
      });

      it("keep idempotency keys within one burst, mixed with unkeyed messages", async () => {
        const { store, ada, room } = await withAuthorAndRoom();
        const results = await Promise.all([
          store.messages.insert(room.id, ada, "plain 1"),
          store.messages.insert(room.id, ada, "keyed", "k"),
          store.messages.insert(room.id, ada, "plain 2"),
          store.messages.insert(room.id, ada, "keyed", "k"),
          store.messages.insert(room.id, ada, "other key", "k2"),
        ]);
        expect(results.map((r) => r.created)).toEqual([true, true, true, false, true]);
        expect(results[3]?.message.id).toBe(results[1]?.message.id);
        expect(results.map((r) => r.message.body)).toEqual(["plain 1", "keyed", "plain 2", "keyed", "other key"]);
        expect(bodiesOf(await store.messages.latest(room.id, 10))).toEqual([
          "plain 1",
          "keyed",
          "plain 2",
          "other key",
        ]);
      });

      it("fail alone when they cannot be stored; the rest of their burst is kept", async () => {
        const { store, ada, room } = await withAuthorAndRoom();
        const outcomes = await Promise.allSettled([
          store.messages.insert(room.id, ada, "before"),
          store.messages.insert(room.id + 1000, ada, "to a room that does not exist"),
          store.messages.insert(room.id, ada, "after"),
        ]);
        expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
        expect(bodiesOf(await store.messages.latest(room.id, 10))).toEqual(["before", "after"]);
      });

      it("fail alone when their image was never recorded; one that was is shown", async () => {
        const { store, ada, room } = await withAuthorAndRoom();
        const recorded = { hash: "ab".repeat(32), type: "image/png" as const, width: 2, height: 1, bytes: 9 };
        await store.files.record(recorded);
        const outcomes = await Promise.allSettled([
          store.messages.insert(room.id, ada, "before"),
          store.messages.insert(room.id, ada, "never uploaded", null, { ...recorded, hash: "cd".repeat(32) }),
          store.messages.insert(room.id, ada, "uploaded", null, recorded),
        ]);
        expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
        const latest = await store.messages.latest(room.id, 10);
        expect(latest.map((m) => [m.body, m.image?.width ?? null])).toEqual([
          ["before", null],
          ["uploaded", 2],
        ]);
      });

      it("fail alone when their author does not exist", async () => {
        const { store, ada, room } = await withAuthorAndRoom();
        const outcomes = await Promise.allSettled([
          store.messages.insert(room.id, ada, "before"),
          store.messages.insert(room.id, { ...ada, id: ada.id + 1000 }, "from no one"),
          store.messages.insert(room.id, ada, "after"),
        ]);
        expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
        expect(bodiesOf(await store.messages.latest(room.id, 10))).toEqual(["before", "after"]);
      });

      it("are kept when asked for just before the store closes", async () => {
        const store = await open();
        const ada = await store.users.create("ada", "hash");
        const room = ada && (await store.rooms.create({ name: "L", slug: "l", topic: "", createdBy: ada.id }));
        if (!ada || !room) throw new Error("setup");
        const sent = store.messages.insert(room.id, ada, "queued as the server stops");
        await store.close();
        expect((await sent).created).toBe(true);
      });

      it("number each room's messages 1, 2, 3… without gaps, whatever the other rooms do", async () => {
        const { store, ada, room } = await withAuthorAndRoom();
        const other = await store.rooms.create({ name: "Other", slug: "other", topic: "", createdBy: ada.id });
        if (!other) throw new Error("setup");
        // One burst across both rooms, with a resend (same key) that must not take a number.
        const sent = await Promise.all([
          store.messages.insert(room.id, ada, "one", "k1"),
          store.messages.insert(other.id, ada, "elsewhere"),
          store.messages.insert(room.id, ada, "one", "k1"),
          store.messages.insert(room.id, ada, "two"),
        ]);
        expect(sent.map(({ message }) => message.seq)).toEqual([1, 1, 1, 2]);
        const later = await store.messages.insert(room.id, ada, "three", "k1");
        expect(later).toMatchObject({ created: false, message: { seq: 1 } });
        expect((await store.messages.insert(room.id, ada, "three")).message.seq).toBe(3);
        // What is read back carries the same numbers as what the insert answered.
        expect((await store.messages.latest(room.id, 10)).map((m) => [m.body, m.seq])).toEqual([
          ["one", 1],
          ["two", 2],
          ["three", 3],
        ]);
        expect((await store.messages.after(room.id, 0, 10)).map((m) => m.seq)).toEqual([1, 2, 3]);
      });

      it("name the newest id stored before a time, in any room", async () => {
        const { store, ada, room } = await withAuthorAndRoom();
        expect(await store.messages.newestIdBefore(new Date())).toBe(0);
        const ids = await post(store, room.id, ada, ["a", "b"]);
        expect(await store.messages.newestIdBefore(new Date(Date.now() + 60_000))).toBe(ids[1]);
        expect(await store.messages.newestIdBefore(new Date(Date.now() - 60_000))).toBe(0);
      });
    });

    describe("changes to messages", () => {
      const at = new Date("2026-12-04T12:00:00Z");

      it("edit the text, numbering each change of a room 1, 2, 3…", async () => {
        const { store, ada, room } = await withAuthorAndRoom();
        const [first, second] = await post(store, room.id, ada, ["helo", "two"]);
        expect(await store.messages.lastChange(room.id)).toBe(0);
        const edited = await store.messages.edit(room.id, first as number, "hello", at);
        expect(edited).toMatchObject({ id: first, body: "hello", editedAt: at, changeSeq: 1, deletedAt: null });
        expect((await store.messages.edit(room.id, second as number, "two!", at))?.changeSeq).toBe(2);
        expect((await store.messages.edit(room.id, first as number, "hello!", at))?.changeSeq).toBe(3);
        expect(await store.messages.lastChange(room.id)).toBe(3);
        // Changed since 1: the newest state of each, in change order; the first's number moved on.
        const since = await store.messages.changedSince(room.id, 1, 10);
        expect(since.map((m) => [m.id, m.changeSeq, m.body])).toEqual([
          [second, 2, "two!"],
          [first, 3, "hello!"],
        ]);
        expect(await store.messages.changedSince(room.id, 3, 10)).toEqual([]);
      });

      it("number each room apart, and refuse a message of another room or one that is not there", async () => {
        const { store, ada, room } = await withAuthorAndRoom();
        const other = await store.rooms.create({ name: "Other", slug: "other", topic: "", createdBy: ada.id });
        if (!other) throw new Error("no room");
        const [mine] = await post(store, room.id, ada, ["here"]);
        const [theirs] = await post(store, other.id, ada, ["there"]);
        expect(await store.messages.edit(other.id, mine as number, "moved?", at)).toBeNull();
        expect(await store.messages.edit(room.id, 999_999, "nothing", at)).toBeNull();
        expect((await store.messages.edit(other.id, theirs as number, "there!", at))?.changeSeq).toBe(1);
        expect((await store.messages.edit(room.id, mine as number, "here!", at))?.changeSeq).toBe(1);
      });

      it("give changes made at once distinct numbers without gaps", async () => {
        const { store, ada, room } = await withAuthorAndRoom();
        const ids = await post(store, room.id, ada, ["a", "b", "c", "d", "e"]);
        const changed = await Promise.all(
          Array.from({ length: 20 }, (_, i) => store.messages.edit(room.id, ids[i % 5] as number, `edit ${i}`, at)),
        );
        expect(changed.every((m) => m !== null)).toBe(true);
        expect(await store.messages.lastChange(room.id)).toBe(20);
        const numbers = (await store.messages.changedSince(room.id, 0, 50)).map((m) => m.changeSeq);
        expect(numbers).toHaveLength(5);
        expect(new Set(numbers).size).toBe(5);
        expect(Math.max(...numbers)).toBe(20);
      });

      it("delete a message but keep its row and place: its text, reactions and mentions go", async () => {
        const { store, ada, room } = await withAuthorAndRoom();
        const grace = await store.users.create("grace", "hash");
        if (!grace) throw new Error("no user");
        await store.rooms.join(room.id, grace.id);
        const [before, doomed, after] = await post(store, room.id, ada, ["one", "hi @grace", "three"]);
        await store.messages.addMentions(room.id, doomed as number, ["grace"]);
        await store.messages.react(room.id, doomed as number, { userId: grace.id, emoji: "👍", on: true }, at);
        expect((await store.rooms.readState(room.id, grace.id)).mentions).toBe(1);
        const deleted = await store.messages.remove(room.id, doomed as number, at);
        expect(deleted).toMatchObject({ id: doomed, body: "", deletedAt: at, image: null, reactions: [], seq: 2 });
        expect((await store.rooms.readState(room.id, grace.id)).mentions).toBe(0);
        // Reads keep it, marked: a page's cursor passes its place.
        const latest = await store.messages.latest(room.id, 10);
        expect(latest.map((m) => [m.id, m.deletedAt !== null])).toEqual([
          [before, false],
          [doomed, true],
          [after, false],
        ]);
        // A deleted message takes no further change.
        expect(await store.messages.remove(room.id, doomed as number, at)).toBeNull();
        expect(await store.messages.edit(room.id, doomed as number, "back?", at)).toBeNull();
        expect(await store.messages.lastChange(room.id)).toBe(2);
      });

      it("keep reactions per person and emoji, in the order first used, each once", async () => {
        const { store, ada, room } = await withAuthorAndRoom();
        const grace = await store.users.create("grace", "hash");
        if (!grace) throw new Error("no user");
        const [id] = await post(store, room.id, ada, ["react to me"]);
        let tick = at.getTime();
        const react = (userId: number, emoji: string, on: boolean) => {
          tick += 1000;
          return store.messages.react(room.id, id as number, { userId, emoji, on }, new Date(tick));
        };
        await react(grace.id, "🎉", true);
        await react(ada.id, "👍", true);
        await react(grace.id, "👍", true);
        const twice = await react(grace.id, "👍", true);
        expect(twice?.reactions.map((r) => [r.emoji, r.people.map((p) => p.username)])).toEqual([
          ["🎉", ["grace"]],
          ["👍", ["ada", "grace"]],
        ]);
        const undone = await react(grace.id, "🎉", false);
        expect(undone?.reactions.map((r) => r.emoji)).toEqual(["👍"]);
        expect((await store.messages.find(room.id, id as number))?.reactions[0]?.people).toHaveLength(2);
        expect(undone?.changeSeq).toBe(5);
      });

      it("keep a reply's quote of the message it answers, and say when that one is deleted", async () => {
        const { store, ada, room } = await withAuthorAndRoom();
        const [parent] = await post(store, room.id, ada, ["the question"]);
        const quote = {
          id: parent as number,
          author: { username: "ada", displayName: null },
          body: "the question",
          deleted: false,
        };
        const { message } = await store.messages.insert(room.id, ada, "the answer", null, null, quote);
        expect(message.replyTo).toEqual(quote);
        expect((await store.messages.find(room.id, message.id))?.replyTo).toEqual(quote);
        expect(await store.messages.repliesTo(room.id, parent as number)).toEqual([message.id]);
        await store.messages.remove(room.id, parent as number, at);
        expect((await store.messages.find(room.id, message.id))?.replyTo).toEqual({
          ...quote,
          body: "",
          deleted: true,
        });
      });

      it("change a message from the copy its rules were checked on, and read it back only when another change came between", async () => {
        const { store, ada, room } = await withAuthorAndRoom();
        const grace = await store.users.create("grace", "hash");
        if (!grace) throw new Error("no user");
        const [id] = (await post(store, room.id, ada, ["first"])) as [number];
        const read = await store.messages.find(room.id, id);
        if (!read) throw new Error("not stored");
        const edited = await store.messages.edit(room.id, id, "second", at, read);
        expect(edited).toMatchObject({ body: "second", editedAt: at, changeSeq: 1 });
        expect(edited).toEqual(await store.messages.find(room.id, id));
        // Grace reacts after the edit's copy was read: the next edit does not take her reaction back.
        await store.messages.react(room.id, id, { userId: grace.id, emoji: "👍", on: true }, at);
        const again = await store.messages.edit(room.id, id, "third", at, edited ?? read);
        expect(again?.reactions.map((r) => r.emoji)).toEqual(["👍"]);
        expect(again).toMatchObject({ body: "third", changeSeq: 3 });
        expect(again).toEqual(await store.messages.find(room.id, id));
        const deleted = await store.messages.remove(room.id, id, at, again ?? read);
        expect(deleted).toMatchObject({ body: "", deletedAt: at, reactions: [], changeSeq: 4 });
        expect(deleted).toEqual(await store.messages.find(room.id, id));
        // A copy read before the deletion changes nothing.
        expect(await store.messages.edit(room.id, id, "back?", at, again ?? read)).toBeNull();
        expect(await store.messages.lastChange(room.id)).toBe(4);
      });

      it("number each standing reply to a deleted message, in id order, in one go", async () => {
        const { store, ada, room } = await withAuthorAndRoom();
        const [parent, other] = (await post(store, room.id, ada, ["the question", "another"])) as [number, number];
        const quoting = (id: number, body: string) => ({
          id,
          author: { username: "ada", displayName: null },
          body,
          deleted: false,
        });
        const replies: number[] = [];
        for (const body of ["a", "b", "c", "d"])
          replies.push(
            (await store.messages.insert(room.id, ada, body, null, null, quoting(parent, "the question"))).message.id,
          );
        await store.messages.insert(room.id, ada, "elsewhere", null, null, quoting(other, "another"));
        const [first, gone, third, fourth] = replies as [number, number, number, number];
        await store.messages.remove(room.id, gone, at);
        await store.messages.remove(room.id, parent, at);
        expect(await store.messages.touchReplies(room.id, 999_999, at)).toEqual([]);
        // Changes of the replies at the same moment each take a number of their own too.
        const [touched] = await Promise.all([
          store.messages.touchReplies(room.id, parent, at),
          store.messages.edit(room.id, third, "c!", at),
          store.messages.react(room.id, fourth, { userId: ada.id, emoji: "🎉", on: true }, at),
        ]);
        expect(touched.map((m) => [m.id, m.replyTo?.deleted])).toEqual([
          [first, true],
          [third, true],
          [fourth, true],
        ]);
        // Five changed messages, seven changes: every number taken once.
        const numbers = (await store.messages.changedSince(room.id, 0, 20)).map((m) => m.changeSeq);
        expect(numbers).toHaveLength(5);
        expect(new Set(numbers).size).toBe(5);
        expect(await store.messages.lastChange(room.id)).toBe(7);
        const byId = (a: number, b: number) => a - b;
        expect((await store.messages.changedSince(room.id, 2, 20)).map((m) => m.id).sort(byId)).toEqual([
          first,
          third,
          fourth,
        ]);
      });

      it("find changes made since a time, for a replay after a bus outage", async () => {
        const { store, ada, room } = await withAuthorAndRoom();
        const [old, fresh] = await post(store, room.id, ada, ["old", "fresh"]);
        await store.messages.edit(room.id, old as number, "old, edited long ago", new Date("2026-12-04T10:00:00Z"));
        await store.messages.edit(room.id, fresh as number, "fresh, edited now", new Date("2026-12-04T12:00:00Z"));
        const since = await store.messages.changedAt(room.id, new Date("2026-12-04T11:00:00Z"), 10);
        expect(since.map((m) => m.id)).toEqual([fresh]);
      });
    });

    describe("embedding", () => {
      it("keeps a room's settings, its first secret, and a rotated one", async () => {
        const store = await fresh();
        const ada = await store.users.create("ada", "hash");
        const room = await store.rooms.create({ name: "R", slug: "r", topic: "", createdBy: ada?.id ?? 0 });
        if (!room) throw new Error("no room");
        expect(await store.embeds.settings(room.id)).toBeNull();
        const origins = ["https://a.example", "http://localhost:8080"];
        expect(await store.embeds.save(room.id, { allowedOrigins: origins, guests: true }, "first")).toEqual({
          allowedOrigins: origins,
          guests: true,
          secret: "first",
        });
        await store.embeds.save(room.id, { allowedOrigins: [], guests: false }, "ignored");
        expect(await store.embeds.settings(room.id)).toEqual({ allowedOrigins: [], guests: false, secret: "first" });
        await store.embeds.setSecret(room.id, "second");
        expect((await store.embeds.settings(room.id))?.secret).toBe("second");
      });

      it("lets each signed token be used once, until it expires", async () => {
        const store = await fresh();
        const now = new Date();
        const expires = new Date(now.getTime() + 60_000);
        expect(await store.embeds.claimToken("t1", expires, now)).toBe(true);
        expect(await store.embeds.claimToken("t1", expires, now)).toBe(false);
        expect(await store.embeds.claimToken("t2", expires, now)).toBe(true);
        // Past its expiry the record is swept (the token itself is refused as expired by then).
        expect(await store.embeds.claimToken("t1", expires, new Date(expires.getTime() + 1))).toBe(true);
      });

      it("makes guests and external people without passwords; the same external id is the same user", async () => {
        const store = await fresh();
        const guest = await store.users.createEmbedded({ username: "guest-abc", displayName: "Grace", kind: "guest" });
        expect(guest).toMatchObject({ username: "guest-abc", displayName: "Grace", kind: "guest" });
        expect(
          await store.users.createEmbedded({ username: "guest-abc", displayName: "G2", kind: "guest" }),
        ).toBeNull();
        const external = { username: "ada-x1", displayName: "Ada", kind: "external" as const, externalId: "1:u-17" };
        const first = await store.users.createEmbedded(external);
        const again = await store.users.createEmbedded({ ...external, username: "ada-x2", displayName: "Ada L." });
        expect(again?.id).toBe(first?.id);
        expect(again).toMatchObject({ username: "ada-x1", displayName: "Ada L.", kind: "external" });
        expect((await store.users.findByUsername("ada-x1"))?.passwordHash).toBe("");
      });

      it("scopes a session to a room, and ends a room's sessions by kind", async () => {
        const store = await fresh();
        const ada = await store.users.create("ada", "hash");
        const room = await store.rooms.create({ name: "R", slug: "r", topic: "", createdBy: ada?.id ?? 0 });
        if (!ada || !room) throw new Error("no user or room");
        const soon = new Date(Date.now() + 60_000);
        await store.sessions.create("embedded", ada.id, soon, room.id);
        expect((await store.sessions.find("embedded", new Date()))?.roomId).toBe(room.id);
        const guest = await store.users.createEmbedded({ username: "guest-1", displayName: "G", kind: "guest" });
        await store.sessions.create("guest", guest?.id ?? 0, soon, room.id);
        await store.sessions.create("cookie", ada.id, soon);
        expect(await store.sessions.deleteForRoom(room.id, "guest")).toEqual(["guest"]);
        expect(await store.sessions.deleteForRoom(room.id)).toEqual(["embedded"]);
        expect(await store.sessions.find("cookie", new Date())).not.toBeNull();
      });
    });

    describe("members, bans and invites", () => {
      const withThree = async () => {
        const { store, ada, room } = await withAuthorAndRoom();
        const bob = await store.users.create("bob", "hash");
        const cy = await store.users.create("cy", "hash");
        if (!bob || !cy) throw new Error("no user");
        return { store, ada, bob, cy, room };
      };

      it("never leave a banned person a member, whichever of a join and a ban comes first", async () => {
        const { store, bob, cy, room } = await withThree();
        // A socket's join lands just after the ban (its check ran before): the join takes itself back.
        await store.members.ban(room.id, bob.id, null);
        await store.rooms.join(room.id, bob.id);
        expect((await store.rooms.standing(room.id, bob.id)).role).toBeNull();
        expect(await store.members.add(room.id, bob.id)).toBe(false);
        // Joined first: the ban takes the membership with it.
        await store.rooms.join(room.id, cy.id);
        await store.members.ban(room.id, cy.id, null);
        expect(await store.rooms.standing(room.id, cy.id)).toMatchObject({ role: null, banned: true });
        expect(await store.rooms.memberCount(room.id)).toBe(0);
        // Both at once, many times: never a banned member.
        for (let i = 0; i < 10; i++) {
          await store.members.unban(room.id, cy.id);
          await Promise.all([store.rooms.join(room.id, cy.id), store.members.ban(room.id, cy.id, null)]);
          expect((await store.rooms.standing(room.id, cy.id)).role).toBeNull();
        }
      });

      it("add people with a role, list them with it, and change it", async () => {
        const { store, ada, bob, cy, room } = await withThree();
        await post(store, room.id, ada, ["before bob"]);
        expect(await store.members.add(room.id, ada.id, "owner")).toBe(true);
        expect(await store.members.add(room.id, bob.id)).toBe(true);
        expect(await store.members.add(room.id, bob.id, "owner")).toBe(false); // already in: kept as they were
        expect((await store.members.roster(room.id, 10)).map((m) => [m.username, m.role])).toEqual([
          ["ada", "owner"],
          ["bob", "member"],
        ]);
        expect((await store.rooms.readState(room.id, bob.id)).unread).toBe(0);
        expect(await store.members.setRole(room.id, bob.id, "moderator")).toBe(true);
        expect(await store.members.setRole(room.id, cy.id, "moderator")).toBe(false);
        expect(await store.rooms.standing(room.id, bob.id)).toEqual({ role: "moderator", banned: false });
        expect(await store.members.roster(room.id, 1)).toHaveLength(1);
        expect(await store.members.remove(room.id, bob.id)).toBe(true);
        expect(await store.members.remove(room.id, bob.id)).toBe(false);
        expect(await store.rooms.standing(room.id, bob.id)).toEqual({ role: null, banned: false });
      });

      it("ban a person out of the room until unbanned, each room on its own", async () => {
        const { store, ada, bob, room } = await withThree();
        const other = await store.rooms.create({ name: "Other", slug: "other", topic: "", createdBy: ada.id });
        if (!other) throw new Error("no room");
        await store.members.add(room.id, bob.id);
        await store.members.add(other.id, bob.id);
        await store.members.ban(room.id, bob.id, ada.id);
        await store.members.ban(room.id, bob.id, ada.id);
        expect(await store.rooms.standing(room.id, bob.id)).toEqual({ role: null, banned: true });
        expect(await store.rooms.standing(other.id, bob.id)).toEqual({ role: "member", banned: false });
        expect((await store.members.banned(room.id)).map((u) => u.username)).toEqual(["bob"]);
        await store.members.unban(room.id, bob.id);
        expect(await store.rooms.standing(room.id, bob.id)).toEqual({ role: null, banned: false });
        expect(await store.members.banned(room.id)).toEqual([]);
      });

      it("keep invites by digest, live until they expire or are revoked", async () => {
        const { store, ada, room } = await withThree();
        const now = new Date();
        const later = new Date(now.getTime() + 60_000);
        const invite = await store.invites.create({
          roomId: room.id,
          codeHash: "d1",
          createdBy: ada.id,
          expiresAt: later,
        });
        const short = await store.invites.create({
          roomId: room.id,
          codeHash: "d2",
          createdBy: ada.id,
          expiresAt: now,
        });
        expect(invite).toMatchObject({ roomId: room.id, createdBy: ada.id, revokedAt: null });
        expect(invite.expiresAt.getTime()).toBe(later.getTime());
        expect(await store.invites.findLive("d1", now)).toEqual({ invite, slug: "lobby" });
        expect(await store.invites.findLive("d2", now)).toBeNull(); // expired at this instant
        expect(await store.invites.findLive("nope", now)).toBeNull();
        expect((await store.invites.listLive(room.id, now)).map((i) => i.id)).toEqual([invite.id]);
        expect(await store.invites.revoke(room.id + 1, invite.id, now)).toBe(false);
        expect(await store.invites.revoke(room.id, short.id, now)).toBe(true);
        expect(await store.invites.revoke(room.id, invite.id, now)).toBe(true);
        expect(await store.invites.revoke(room.id, invite.id, now)).toBe(false);
        expect(await store.invites.findLive("d1", now)).toBeNull();
        expect(await store.invites.listLive(room.id, now)).toEqual([]);
      });

      it("rename a room, and delete it with everything of it", async () => {
        const { store, ada, bob, room } = await withThree();
        await store.members.add(room.id, ada.id, "owner");
        await store.members.ban(room.id, bob.id, ada.id);
        await post(store, room.id, ada, ["one", "two"]);
        await store.invites.create({
          roomId: room.id,
          codeHash: "d1",
          createdBy: ada.id,
          expiresAt: new Date(Date.now() + 60_000),
        });
        await store.sessions.create("embed-session", bob.id, new Date(Date.now() + 60_000), room.id);
        await store.rooms.rename(room.id, "Front hall");
        expect((await store.rooms.findBySlug("lobby"))?.name).toBe("Front hall");
        await store.rooms.delete(room.id);
        expect(await store.rooms.findBySlug("lobby")).toBeNull();
        expect(await store.rooms.memberCount(room.id)).toBe(0);
        expect(await store.messages.latest(room.id, 10)).toEqual([]);
        expect(await store.invites.findLive("d1", new Date())).toBeNull();
        expect(await store.sessions.find("embed-session", new Date())).toBeNull();
        expect(await store.rooms.listJoinedBy(ada.id)).toEqual([]);
      });
    });

    describe("administration", () => {
      it("names the first account, whatever came before it", async () => {
        const store = await fresh();
        expect(await store.users.firstAccountId()).toBeNull();
        await store.users.createEmbedded({ username: "guest-1", displayName: "G", kind: "guest" });
        const ada = await store.users.create("ada", "hash");
        await store.users.create("grace", "hash");
        expect(await store.users.firstAccountId()).toBe(ada?.id);
      });

      it("deactivates and reactivates a person, as every User they are handed out as says", async () => {
        const store = await fresh();
        const ada = await store.users.create("ada", "hash");
        if (!ada) throw new Error("no user");
        expect(ada.deactivatedAt).toBeNull();
        await store.sessions.create("cookie", ada.id, new Date(Date.now() + 60_000));
        await store.apiTokens.create(ada.id, "script", "token-hash");
        const at = new Date("2026-12-04T22:00:00Z");
        await store.users.setDeactivated(ada.id, at);
        expect((await store.users.findById(ada.id))?.deactivatedAt).toEqual(at);
        expect((await store.users.findByUsername("ada"))?.deactivatedAt).toEqual(at);
        expect((await store.sessions.find("cookie", new Date()))?.user.deactivatedAt).toEqual(at);
        expect((await store.apiTokens.use("token-hash", new Date()))?.deactivatedAt).toEqual(at);
        await store.users.setDeactivated(ada.id, null);
        expect((await store.users.findById(ada.id))?.deactivatedAt).toBeNull();
      });

      it("pages through everyone in the order they came, with the total", async () => {
        const store = await fresh();
        for (const name of ["ada", "grace", "linus"]) await store.users.create(name, "hash");
        await store.users.createEmbedded({ username: "guest-1", displayName: "G", kind: "guest" });
        const first = await store.users.page({ limit: 2, offset: 0 });
        expect(first.total).toBe(4);
        expect(first.items.map((person) => person.username)).toEqual(["ada", "grace"]);
        const second = await store.users.page({ limit: 2, offset: 2 });
        expect(second.items.map((person) => [person.username, person.kind])).toEqual([
          ["linus", "account"],
          ["guest-1", "guest"],
        ]);
      });

      it("pages through every room with its members, messages and creator", async () => {
        const { store, ada, room } = await withAuthorAndRoom();
        const grace = await store.users.create("grace", "hash");
        if (!grace) throw new Error("no user");
        await store.rooms.join(room.id, ada.id);
        await store.rooms.join(room.id, grace.id);
        await post(store, room.id, ada, ["one", "two", "three"]);
        await store.rooms.create({ name: "Quiet", slug: "quiet", topic: "", createdBy: grace.id });
        const page = await store.rooms.overview({ limit: 1, offset: 0 });
        expect(page.total).toBe(2);
        expect(page.items).toEqual([
          expect.objectContaining({ slug: "lobby", visibility: "public", members: 2, messages: 3, creator: "ada" }),
        ]);
        const next = await store.rooms.overview({ limit: 1, offset: 1 });
        expect(next.items).toEqual([
          expect.objectContaining({ slug: "quiet", members: 0, messages: 0, creator: "grace" }),
        ]);
      });
    });

    describe("the deployment's values", () => {
      it("keep the first value proposed, for every instance", async () => {
        const store = await fresh();
        const claims = await Promise.all(["a", "b", "c"].map((value) => store.deployment.claim("namespace", value)));
        expect(new Set(claims).size).toBe(1);
        expect(await store.deployment.claim("namespace", "later")).toBe(claims[0]);
        expect(await store.deployment.claim("other", "x")).toBe("x");
      });
    });

    describe("push subscriptions", () => {
      const keys = (n: number) => ({ endpoint: `https://push.example/${n}`, p256dh: `p256dh-${n}`, auth: `auth-${n}` });
      it("keep one row per endpoint, moved to whoever subscribed it last, and drop it when gone", async () => {
        const { store, ada } = await withAuthorAndRoom();
        const bob = await store.users.create("bob", "hash");
        if (!bob) throw new Error("no user");
        await store.pushSubscriptions.save(ada.id, keys(1));
        await store.pushSubscriptions.save(ada.id, keys(2));
        await store.pushSubscriptions.save(bob.id, { ...keys(2), auth: "new-auth" });
        expect((await store.pushSubscriptions.listFor(ada.id)).map((s) => s.endpoint)).toEqual([keys(1).endpoint]);
        expect(await store.pushSubscriptions.listFor(bob.id)).toEqual([
          { userId: bob.id, ...keys(2), auth: "new-auth" },
        ]);
        expect(await store.pushSubscriptions.remove(bob.id, keys(1).endpoint)).toBe(false); // not bob's
        expect(await store.pushSubscriptions.remove(ada.id, keys(1).endpoint)).toBe(true);
        await store.pushSubscriptions.forget(keys(2).endpoint);
        expect(await store.pushSubscriptions.listFor(ada.id)).toEqual([]);
        expect(await store.pushSubscriptions.listFor(bob.id)).toEqual([]);
      });

      it("reach the mentioned members, or everyone but the author, unless they chose none", async () => {
        const { store, ada, room } = await withAuthorAndRoom();
        const [bob, cy, dee] = await Promise.all(["bob", "cy", "dee"].map((name) => store.users.create(name, "hash")));
        if (!bob || !cy || !dee) throw new Error("no user");
        await store.members.add(room.id, ada.id, "owner");
        await store.members.add(room.id, bob.id);
        await store.members.add(room.id, cy.id);
        // dee is no member: subscribed, mentioned, never reached.
        for (const [i, person] of [ada, bob, cy, dee].entries()) await store.pushSubscriptions.save(person.id, keys(i));
        const reached = async (who: { mentioned: number[] } | { allBut: number }) =>
          (await store.pushSubscriptions.recipients(room.id, who)).map((s) => s.userId).sort();
        expect(await reached({ mentioned: [bob.id, cy.id, dee.id] })).toEqual([bob.id, cy.id].sort());
        expect(await reached({ mentioned: [] })).toEqual([]);
        expect(await reached({ allBut: ada.id })).toEqual([bob.id, cy.id].sort());
        await store.rooms.setNotify(room.id, cy.id, "none");
        await store.rooms.setNotify(room.id, bob.id, "all");
        expect(await reached({ mentioned: [bob.id, cy.id] })).toEqual([bob.id]);
        expect(await reached({ allBut: ada.id })).toEqual([bob.id]);
      });
    });

    describe("private rooms and direct messages", () => {
      it("keep private rooms out of every listing and name check; members list them as theirs", async () => {
        const { store, ada, room } = await withAuthorAndRoom();
        const bob = await store.users.create("bob", "hash");
        if (!bob) throw new Error("no user");
        const secret = await store.rooms.create({
          name: "Secret",
          slug: "secret-x1",
          topic: "",
          createdBy: ada.id,
          visibility: "private",
        });
        if (!secret) throw new Error("no room");
        expect(secret.visibility).toBe("private");
        await store.rooms.join(secret.id, ada.id);
        await post(store, secret.id, ada, ["newest of all"]);
        expect((await store.rooms.listWithActivity()).map((r) => r.slug)).toEqual([room.slug]);
        expect((await store.rooms.listWithActivity(undefined, bob.id)).map((r) => r.slug)).toEqual([room.slug]);
        expect((await store.rooms.listJoinedBy(ada.id)).map((r) => r.slug)).toEqual(["secret-x1"]);
        expect(await store.rooms.findPublicByName("SECRET")).toBeNull();
        expect(await store.rooms.findPublicByName("lobby")).toEqual(room);
      });

      it("count a mention in a private room only for its members", async () => {
        const { store, ada } = await withAuthorAndRoom();
        const bob = await store.users.create("bob", "hash");
        const cy = await store.users.create("cy", "hash");
        if (!bob || !cy) throw new Error("no user");
        const secret = await store.rooms.create({
          name: "Secret",
          slug: "secret-x1",
          topic: "",
          createdBy: ada.id,
          visibility: "private",
        });
        if (!secret) throw new Error("no room");
        for (const person of [ada, bob]) await store.rooms.join(secret.id, person.id);
        const [id] = await post(store, secret.id, ada, ["@bob @cy look"]);
        expect(await store.messages.addMentions(secret.id, id ?? 0, ["bob", "cy"])).toEqual([bob.id]);
        expect(await store.rooms.readState(secret.id, cy.id)).toMatchObject({ unread: 0, mentions: 0 });
      });

      it("tell who may fetch an image: a private room's is its members' alone, an avatar's or a public room's everyone's", async () => {
        const { store, ada, room } = await withAuthorAndRoom();
        const bob = await store.users.create("bob", "hash");
        if (!bob) throw new Error("no user");
        const secret = await store.rooms.create({
          name: "S",
          slug: "s-x1",
          topic: "",
          createdBy: ada.id,
          visibility: "private",
        });
        if (!secret) throw new Error("no room");
        await store.rooms.join(secret.id, ada.id);
        const file = { hash: "ef".repeat(32), type: "image/png" as const, width: 1, height: 1, bytes: 9 };
        await store.files.record(file);
        expect(await store.files.audience(file.hash, ada.id)).toBeNull();
        await store.messages.insert(secret.id, ada, "", null, file);
        expect(await store.files.audience(file.hash, ada.id)).toBe("members");
        expect(await store.files.audience(file.hash, bob.id)).toBeNull();
        expect(await store.files.audience(file.hash, null)).toBeNull();
        expect(await store.files.audience("00".repeat(32), ada.id)).toBeNull();
        await store.messages.insert(room.id, ada, "", null, file);
        expect(await store.files.audience(file.hash, null)).toBe("everyone");
      });

      it("open one direct room per set of people, all of them members, reused whoever opens it", async () => {
        const { store, ada } = await withAuthorAndRoom();
        const bob = await store.users.create("bob", "hash");
        const cy = await store.users.create("cy", "hash");
        if (!bob || !cy) throw new Error("no user");
        const room = await store.rooms.openDirect({ name: "ada, bob", slug: "dm-one", createdBy: ada.id }, [
          ada.id,
          bob.id,
        ]);
        expect(room).toMatchObject({ slug: "dm-one", visibility: "direct" });
        const again = await store.rooms.openDirect({ name: "ada, bob", slug: "dm-two", createdBy: bob.id }, [
          bob.id,
          ada.id,
          bob.id,
        ]);
        expect(again?.id).toBe(room?.id);
        const members = await store.members.roster(room?.id ?? -1, 10);
        expect(members.map((m) => m.username)).toEqual(["ada", "bob"]);
        expect(await store.rooms.standing(room?.id ?? -1, bob.id)).toEqual({ role: "member", banned: false });
        expect(await store.rooms.standing(room?.id ?? -1, cy.id)).toEqual({ role: null, banned: false });
        const three = await store.rooms.openDirect({ name: "ada, bob, cy", slug: "dm-three", createdBy: cy.id }, [
          ada.id,
          bob.id,
          cy.id,
        ]);
        expect(three?.id).not.toBe(room?.id);
        expect((await store.rooms.listWithActivity()).map((r) => r.slug)).toEqual(["lobby"]);
      });
    });

    it("reports itself up when it reads and writes", async () => {
      const store = await fresh();
      expect(await store.check(new Date())).toBe("up");
      expect(await store.check(new Date())).toBe("up");
    });
  });
}
