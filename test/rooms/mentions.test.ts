import { describe, expect, it } from "vitest";
import { withPeople } from "../../src/rooms/mentions.ts";
import { firstStored } from "../../src/store/records.ts";
import { fragment } from "../support/html.ts";
import { browser, origin, roomInProcess, signUp } from "../support/test-app.ts";

const mentionLinks = (html: string) =>
  [...fragment(html).querySelectorAll("a.mention")].map((a) => [a.textContent, a.getAttribute("href")]);

describe("an @mention", () => {
  it("links and counts only people who exist: @nobody stays text, everywhere the message shows", async () => {
    const { app, sockets, alice, bob, cookieOf, deps } = await roomInProcess();
    await bob.get("/rooms/general");
    const bobs = await sockets.open(app, "/rooms/general/ws", { cookie: cookieOf(bob), origin });
    const body = "hi @Bob and @nobody, and @alice";
    expect((await alice.postJson("/api/rooms/general/messages", { body })).status).toBe(201);

    // The live broadcast: the one fragment every reader gets.
    const live = await bobs.frame((f) => f.includes("data-message-id="));
    expect(mentionLinks(live)).toEqual([
      ["@Bob", "/u/bob"],
      ["@alice", "/u/alice"],
    ]);
    expect(fragment(live).querySelector(".body")?.textContent).toBe(body);

    // The room page and a history page render it the same way.
    for (const html of [
      await (await bob.get("/rooms/general")).text(),
      await (await bob.get("/rooms/general/messages?after=0")).text(),
    ]) {
      expect(mentionLinks(html)).toEqual([
        ["@Bob", "/u/bob"],
        ["@alice", "/u/alice"],
      ]);
      expect(html).not.toContain('href="/u/nobody"');
    }

    // Counted for bob (alice wrote it); no one else was mentioned.
    const general = (await deps.store.rooms.listJoinedBy(2)).find((room) => room.slug === "general");
    expect(general).toMatchObject({ mentions: 1 });
  });

  it("counts as it links under a host's base path: what the renderer links is what counts", async () => {
    const { app, sockets, alice, bob, cookieOf, deps } = await roomInProcess(undefined, { basePath: "/chat" });
    await bob.get("/rooms/general");
    const bobs = await sockets.open(app, "/rooms/general/ws", { cookie: cookieOf(bob), origin });
    expect((await alice.postJson("/api/rooms/general/messages", { body: "hi @bob" })).status).toBe(201);
    expect(mentionLinks(await bobs.frame((f) => f.includes("data-message-id=")))).toEqual([["@bob", "/chat/u/bob"]]);
    const general = (await deps.store.rooms.listJoinedBy(2)).find((room) => room.slug === "general");
    expect(general).toMatchObject({ mentions: 1 });
  });

  it("of someone who signs up later links to them once they exist", async () => {
    const { app, alice } = await roomInProcess();
    await alice.postJson("/api/rooms/general/messages", { body: "waiting for @carol" });
    expect(mentionLinks(await (await alice.get("/rooms/general")).text())).toEqual([]);
    await signUp(browser(app), "carol");
    expect(mentionLinks(await (await alice.get("/rooms/general")).text())).toEqual([["@carol", "/u/carol"]]);
  });

  it("of hundreds of names per message, on a catch-up's worth of messages, is looked up in bounded time", async () => {
    const { deps } = await roomInProcess();
    // About as many @names as 4,000 characters hold, on each of 300 messages: spam, still shown.
    const spam = (n: number) => `@alice ${Array.from({ length: 800 }, (_, i) => `@ghost${n}x${i}`).join(" ")}`;
    const author = { id: 1, username: "alice", displayName: null, avatar: null, kind: "account" as const };
    const messages = Array.from({ length: 300 }, (_, n) =>
      firstStored({
        id: n + 1,
        seq: n + 1,
        roomId: 1,
        body: spam(n),
        createdAt: new Date(),
        author,
        image: null,
        replyTo: null,
      }),
    );
    const shown = await withPeople(deps.store, messages);
    expect(shown).toHaveLength(300);
    expect([...(shown[0]?.people ?? [])]).toEqual(["alice"]);
  });
});
