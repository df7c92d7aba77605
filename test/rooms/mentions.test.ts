import { describe, expect, it } from "vitest";
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

  it("of someone who signs up later links to them once they exist", async () => {
    const { app, alice } = await roomInProcess();
    await alice.postJson("/api/rooms/general/messages", { body: "waiting for @carol" });
    expect(mentionLinks(await (await alice.get("/rooms/general")).text())).toEqual([]);
    await signUp(browser(app), "carol");
    expect(mentionLinks(await (await alice.get("/rooms/general")).text())).toEqual([["@carol", "/u/carol"]]);
  });
});
