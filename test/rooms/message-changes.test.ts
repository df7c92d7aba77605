import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openPostgres } from "../../src/store/pg/open.ts";
import type { Store } from "../../src/store/store.ts";
import { changeLogId } from "../../views/messages/cursor.tsx";
import { images, tempFilesFolder } from "../support/files.ts";
import { fragment } from "../support/html.ts";
import { postImageMessage } from "../support/image-message.ts";
import { createTestDatabase, postgresAnswers, postgresServerUrl, type TestDatabase } from "../support/postgres.ts";
import { requirement } from "../support/requirement.ts";
import { type Browser, browser, origin, roomsWithBob, signUp } from "../support/test-app.ts";

const needsPostgres = requirement(await postgresAnswers(), `PostgreSQL at ${postgresServerUrl}`);

/**
 * Editing, deleting and reacting, over the socket, the form and the API: live on every open
 * page. On SQLite (in memory) and on PostgreSQL (a database of the test's own, emptied per test).
 */
describe.each([
  ["SQLite", false],
  ["PostgreSQL", needsPostgres.skip],
] as const)("changing what was said, on %s", (database, skip) => {
  let postgres: TestDatabase | null = null;
  const opened: Store[] = [];
  const folder = tempFilesFolder();
  const sockets: { close(): void }[] = [];
  beforeAll(async () => {
    if (database === "PostgreSQL" && !skip) postgres = await createTestDatabase();
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    // Stores last: a closed socket's departure (presence, counts) still reads after its close.
    for (const store of opened.splice(0)) await store.close();
    await postgres?.drop();
  });
  const storeFor = async () => {
    if (!postgres) return {};
    await postgres.reset();
    const store = await openPostgres(postgres.url, { maxConnections: 4 });
    opened.push(store);
    return { store };
  };
  const setup = async () => {
    const test = await roomsWithBob([{ name: "General" }], { ...(await storeFor()), files: folder.files });
    const open: typeof test.open = async (...args) => {
      const socket = await test.open(...args);
      sockets.push(socket);
      return socket;
    };
    const joinRoom: typeof test.joinRoom = async (...args) => {
      const socket = await test.joinRoom(...args);
      sockets.push(socket);
      return socket;
    };
    const say = async (client: Browser, body: string, extra: Record<string, unknown> = {}) => {
      const response = await client.postJson("/api/rooms/general/messages", { body, ...extra });
      const { message } = (await response.json()) as { message: { id: number; reply_to: number | null } };
      return message;
    };
    const json = async (client: Browser, path: string, init: RequestInit) => {
      const response = await client.request(path, {
        ...init,
        headers: { "content-type": "application/json", ...init.headers },
      });
      return { status: response.status, body: response.status === 204 ? null : await response.json() };
    };
    return { ...test, open, joinRoom, say, json };
  };
  /** The envelope aimed at `id` in a frame, if there is one. */
  const aimedAt = (html: string, id: string) => fragment(html).querySelector(`hx-partial[hx-target="#${id}"]`);
  const changeNumbers = (html: string, roomId: number) =>
    [...(aimedAt(html, changeLogId({ id: roomId }))?.querySelectorAll("i") ?? [])].map((mark) => ({
      change: Number(mark.getAttribute("data-change")),
      gone: mark.getAttribute("data-gone-seq"),
    }));

  it.skipIf(skip)(
    "an edit sent on the socket replaces the message on every open page, marked edited, with its change number",
    async () => {
      const { alice, bob, open, room, say } = await setup();
      const message = await say(alice, "helo everyone");
      const bobs = await open(bob);
      const alices = await open(alice);
      alices.send({ edit: message.id, body: "hello everyone" });
      const live = await bobs.frame((f) => f.includes("hello everyone"));
      const replaced = aimedAt(live, `message-${message.id}`);
      expect(replaced?.getAttribute("hx-swap")).toBe("outerHTML");
      expect(replaced?.querySelector(".body")?.textContent).toBe("hello everyone");
      expect(replaced?.querySelector(".edited")?.getAttribute("title")).toMatch(
        /^Edited \d{4}-\d\d-\d\d \d\d:\d\d UTC$/,
      );
      expect(replaced?.querySelector("article")?.getAttribute("data-change")).toBe("1");
      expect(changeNumbers(live, room.id)).toEqual([{ change: 1, gone: null }]);
      // The author's own page gets the same broadcast.
      await alices.frame((f) => f.includes("hello everyone"));
    },
  );

  it.skipIf(skip)("only the author edits: anyone else hears why, alone, and nothing changes", async () => {
    const { alice, bob, open, say, deps, room } = await setup();
    const message = await say(alice, "mine");
    const bobs = await open(bob);
    bobs.send({ edit: message.id, body: "not yours" });
    const refused = await bobs.frame((f) => f.includes("Only its author can edit a message."));
    expect(refused).not.toContain("not yours");
    expect((await deps.store.messages.find(room.id, message.id))?.body).toBe("mine");
    const api = await bob.request(`/api/rooms/general/messages/${message.id}`, {
      method: "PATCH",
      body: JSON.stringify({ body: "not yours" }),
      headers: { "content-type": "application/json" },
    });
    expect(api.status).toBe(403);
    expect(await api.json()).toEqual({ error: "Only its author can edit a message." });
  });

  it.skipIf(skip)(
    "a deletion removes the message from every page and frees its place; the author, or the room's owner, deletes",
    async () => {
      const { alice, bob, open, say, room, json, deps } = await setup();
      const first = await say(bob, "bob's first");
      const second = await say(bob, "bob's second");
      const alicesOwn = await say(alice, "alice's");
      const bobs = await open(bob);
      // Bob is a member: not someone else's message.
      expect((await json(bob, `/api/rooms/general/messages/${alicesOwn.id}`, { method: "DELETE" })).status).toBe(403);
      // His own, with the form.
      const deleted = await bob.postForm(`/rooms/general/messages/${first.id}/delete`, {});
      expect(deleted.status).toBe(303);
      const removal = await bobs.frame((f) => f.includes(`#message-${first.id}`));
      expect(aimedAt(removal, `message-${first.id}`)?.getAttribute("hx-swap")).toBe("delete");
      expect(changeNumbers(removal, room.id)).toEqual([{ change: 1, gone: "1" }]);
      // The owner deletes his (moderation), over the API.
      expect((await json(alice, `/api/rooms/general/messages/${second.id}`, { method: "DELETE" })).status).toBe(204);
      await bobs.frame((f) => f.includes(`#message-${second.id}`));
      // Gone from history, the API and the page; a second deletion finds nothing.
      const history = await json(alice, "/api/rooms/general/messages", { method: "GET" });
      expect(history.body.messages.map((m: { body: string }) => m.body)).toEqual(["alice's"]);
      expect((await (await bob.get("/rooms/general")).text()).includes("bob's first")).toBe(false);
      expect((await json(alice, `/api/rooms/general/messages/${second.id}`, { method: "DELETE" })).status).toBe(404);
      expect((await deps.store.messages.find(room.id, first.id))?.body).toBe("");
    },
  );

  it.skipIf(skip)("deleting an image message stops serving its image, which nothing else shows", async () => {
    const { alice, bob, json } = await setup();
    const posted = await postImageMessage(
      alice,
      "general",
      { body: "the whiteboard" },
      { bytes: images.png.bytes, name: "w.png" },
    );
    expect(posted.status).toBe(200);
    const history = await json(alice, "/api/rooms/general/messages", { method: "GET" });
    const [message] = history.body.messages as { id: number; image: { url: string } }[];
    expect((await bob.get(message?.image.url ?? "")).status).toBe(200);
    expect((await json(alice, `/api/rooms/general/messages/${message?.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await bob.get(message?.image.url ?? "")).status).toBe(404);
    expect((await alice.get(message?.image.url ?? "")).status).toBe(404);
  });

  it.skipIf(skip)("reactions toggle per person, reach every page, and the API says whose they are", async () => {
    const { alice, bob, open, say, json } = await setup();
    const message = await say(alice, "ship it?");
    const alices = await open(alice);
    const bobs = await open(bob);
    bobs.send({ react: "👍", message: message.id });
    const live = await alices.frame((f) => f.includes('class="reaction"'));
    const pill = aimedAt(live, `message-${message.id}`)?.querySelector(".reaction");
    expect(pill?.getAttribute("data-people")).toBe("bob");
    expect(pill?.querySelector(".count")?.textContent).toBe("1");

    const put = await json(alice, `/api/rooms/general/messages/${message.id}/reactions/${encodeURIComponent("👍")}`, {
      method: "PUT",
    });
    expect(put.status).toBe(200);
    expect(put.body.message.reactions).toEqual({ "👍": { count: 2, me: true } });
    const asBob = await json(bob, "/api/rooms/general/messages", { method: "GET" });
    expect(asBob.body.messages[0].reactions).toEqual({ "👍": { count: 2, me: true } });
    // A toggle again takes Bob's back; a repeat of what is already so publishes nothing.
    bobs.send({ react: "👍", message: message.id });
    await alices.frame((f) => f.includes('data-people="alice"'));
    const seen = alices.frames.length;
    const again = await json(alice, `/api/rooms/general/messages/${message.id}/reactions/${encodeURIComponent("👍")}`, {
      method: "PUT",
    });
    expect(again.body.message.reactions).toEqual({ "👍": { count: 1, me: true } });
    expect(
      (await json(alice, `/api/rooms/general/messages/${message.id}/reactions/not-an-emoji`, { method: "PUT" })).status,
    ).toBe(422);
    expect(alices.frames.slice(seen).some((f) => f.includes("reaction"))).toBe(false);
  });

  it.skipIf(skip)(
    "a reply quotes the message it answers, which must be of the same room; deleting that one changes the quote",
    async () => {
      const { alice, bob, open, say, json } = await setup();
      await alice.postForm("/rooms", { name: "Elsewhere", topic: "" });
      const question = await say(alice, "lunch at noon?");
      const elsewhere = await alice.postJson("/api/rooms/elsewhere/messages", { body: "not here" });
      const { message: other } = (await elsewhere.json()) as { message: { id: number } };
      const answer = await say(bob, "yes!", { reply_to: question.id });
      expect(answer.reply_to).toBe(question.id);
      const refused = await bob.postJson("/api/rooms/general/messages", { body: "stray", reply_to: other.id });
      expect(refused.status).toBe(422);
      const page = fragment(await (await alice.get("/rooms/general")).text());
      expect(page.querySelector(`#message-${answer.id} .reply-quote .reply-text`)?.textContent).toBe("lunch at noon?");

      const bobs = await open(bob);
      expect((await json(alice, `/api/rooms/general/messages/${question.id}`, { method: "DELETE" })).status).toBe(204);
      const quoted = await bobs.frame((f) => f.includes(`#message-${answer.id}`));
      expect(aimedAt(quoted, `message-${answer.id}`)?.querySelector(".reply-text")?.textContent).toBe(
        "Message deleted",
      );
    },
  );

  it.skipIf(skip)(
    "an edit's mentions follow the new text: a name added counts once, a name dropped stops counting",
    async () => {
      const test = await setup();
      const { app, alice, say, deps, room, json } = test;
      const carol = await signUp(browser(app), "carol");
      await carol.postForm("/rooms/general/join", {});
      const carolId = (await deps.store.users.findByUsername("carol"))?.id as number;
      const mentions = async () => (await deps.store.rooms.readState(room.id, carolId)).mentions;
      const message = await say(alice, "hello all");
      // Carol's home page counts her rooms: an edit that names her adds a mention, not an unread.
      const home = await test.sockets.open(test.app, "/me/ws", { cookie: test.cookieOf(carol), origin });
      sockets.push(home);
      await home.frame((f) => f.includes(`unread-room-${room.id}`));
      const seen = home.frames.length;
      const edit = (body: string) =>
        json(alice, `/api/rooms/general/messages/${message.id}`, { method: "PATCH", body: JSON.stringify({ body }) });
      expect((await edit("hello @carol")).status).toBe(200);
      expect(await mentions()).toBe(1);
      const badge = await home.frame((f) => f.includes("badge mentions"), seen);
      expect(fragment(badge).querySelector(".badge.mentions")?.textContent).toContain("@1");
      // The message was already unread: it still counts once.
      expect(fragment(badge).querySelector(".badge:not(.mentions)")?.textContent).toBe("1 unread");
      expect((await edit("hello @carol, again")).status).toBe(200);
      expect(await mentions()).toBe(1);
      expect((await edit("hello all, again")).status).toBe(200);
      expect(await mentions()).toBe(0);
    },
  );

  it.skipIf(skip)(
    "a page that was away gets every change since its change number with its catch-up, and where it is now whole",
    async () => {
      const { alice, bob, say, joinRoom, json, room } = await setup();
      const kept = await say(alice, "to be edited");
      const doomed = await say(alice, "to be deleted");
      const liked = await say(alice, "to be liked");
      // The page saw all three and no change; then, while it was away:
      await json(alice, `/api/rooms/general/messages/${kept.id}`, {
        method: "PATCH",
        body: JSON.stringify({ body: "edited while away" }),
      });
      await json(alice, `/api/rooms/general/messages/${doomed.id}`, { method: "DELETE" });
      await json(bob, `/api/rooms/general/messages/${liked.id}/reactions/${encodeURIComponent("🎉")}`, {
        method: "PUT",
      });
      const back = await joinRoom(bob, "general", `?after=${liked.id}&changes=0`);
      const caughtUp = await back.frame((f) => f.includes(changeLogId(room)));
      const all = back.frames.join("");
      expect(aimedAt(all, `message-${kept.id}`)?.querySelector(".body")?.textContent).toBe("edited while away");
      expect(aimedAt(all, `message-${doomed.id}`)?.getAttribute("hx-swap")).toBe("delete");
      expect(aimedAt(all, `message-${liked.id}`)?.querySelector(".reaction")?.textContent).toContain("🎉");
      expect(
        aimedAt(caughtUp, changeLogId(room))?.querySelector(".change-log")?.getAttribute("data-through-change"),
      ).toBe("3");
      // A page that does not count changes (no ?changes=) gets new messages alone, as before.
      const old = await joinRoom(bob, "general", `?after=${liked.id}`);
      await old.frame((f) => f.includes("here-room-"));
      expect(old.frames.join("")).not.toContain(changeLogId(room));
    },
  );
});
