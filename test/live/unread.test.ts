import { describe, expect, it } from "vitest";
import { fragment } from "../support/html.ts";
import { browser, origin, roomInProcess, signUp } from "../support/test-app.ts";

const setup = async () => {
  const test = await roomInProcess([{ name: "General" }, { name: "Other" }]);
  await test.bob.postForm("/rooms/general/join", {});
  const post = (client: typeof test.alice, body: string) => client.postJson("/api/rooms/general/messages", { body });
  const counts = (html: string) => fragment(html).querySelector('[id^="unread-room-"]')?.textContent ?? "";
  return { ...test, join: test.joinRoom, post, counts };
};

describe("unread and mention counts", () => {
  it("start at what arrived since the person last read, without their own messages", async () => {
    const { app, deps, alice, bob, post } = await setup();
    const [aliceId, bobId] = [1, 2];
    await post(bob, "one");
    await post(bob, "two, @alice");
    await post(alice, "mine");
    // Elsewhere: counted there, not here.
    await bob.postForm("/rooms/other/join", {});
    await bob.postJson("/api/rooms/other/messages", { body: "@alice over here" });
    expect((await deps.store.rooms.listJoinedBy(aliceId)).find((room) => room.slug === "other")).toMatchObject({
      unread: 1,
      mentions: 1,
    });
    const general = (await deps.store.rooms.listJoinedBy(aliceId)).find((room) => room.slug === "general");
    expect(general).toMatchObject({ unread: 2, mentions: 1 });
    await deps.store.rooms.markRead(general?.id ?? 0, aliceId, general?.lastMessage?.id ?? 0);
    expect(await deps.store.rooms.readState(general?.id ?? 0, aliceId)).toMatchObject({ unread: 0, mentions: 0 });
    // A read mark never moves back.
    await deps.store.rooms.markRead(general?.id ?? 0, aliceId, 1);
    expect(await deps.store.rooms.readState(general?.id ?? 0, aliceId)).toMatchObject({ unread: 0 });
    // Bob has not read alice's message; his own do not count.
    expect((await deps.store.rooms.listJoinedBy(bobId)).find((room) => room.slug === "general")).toMatchObject({
      unread: 1,
    });
    // Someone joining a room has read what came before them.
    const carol = await signUp(browser(app), "carol");
    await carol.postForm("/rooms/general/join", {});
    expect((await deps.store.rooms.listJoinedBy(3)).find((room) => room.slug === "general")).toMatchObject({
      unread: 0,
    });
  });

  it("rise live on the person's other pages as messages arrive, and fall when they read", async () => {
    const { join, alice, bob, post, counts } = await setup();
    const elsewhere = await join(alice, "other");
    // Once watching, the page is sent its counts as of now.
    expect(counts(await elsewhere.frame((f) => f.includes("unread-room-")))).toBe("");

    let from = elsewhere.frames.length;
    await post(bob, "hello");
    expect(counts(await elsewhere.frame((f) => f.includes("unread-room-"), from))).toBe("1 unread");
    from = elsewhere.frames.length;
    await post(bob, "look @alice");
    expect(counts(await elsewhere.frame((f) => f.includes("unread-room-"), from))).toBe("@1 mention2 unread");

    // Alice opens General and reads: her page in Other clears General's counts.
    const reading = await join(alice, "general");
    await reading.frame((f) => f.includes('class="present"'));
    const newest = (await (await alice.get("/api/rooms/general/messages")).json()).messages.at(-1).id;
    const before = elsewhere.frames.length;
    reading.send({ read: String(newest), headers: {} });
    expect(counts(await elsewhere.frame((f) => f.includes("unread-room-"), before))).toBe("");
  });

  it("reach the home page through the person's own socket, with each room's latest message", async () => {
    const { sockets, app, alice, bob, post, counts } = await setup();
    const cookie = [...alice.jar].map(([k, v]) => `${k}=${v}`).join("; ");
    const home = await sockets.open(app, "/me/ws", { cookie, origin });
    await home.frame((f) => f.includes("unread-room-"));
    const from = home.frames.length;
    await post(bob, "news for <everyone>");
    const update = await home.frame((f) => f.includes("latest-room-"), from);
    expect(counts(update)).toBe("1 unread");
    expect(fragment(update).querySelector('[id^="latest-room-"] .preview')?.textContent).toBe(
      "bob: news for <everyone>",
    );
    // Like the room socket: no session, no socket; another site, no socket.
    const anonymous = await sockets.open(app, "/me/ws", { origin });
    expect((await anonymous.whenClosed()).code).toBe(4401);
    const foreign = await sockets.open(app, "/me/ws", { cookie, origin: "https://evil.example" });
    expect((await foreign.whenClosed()).code).toBe(4403);
    expect([...anonymous.frames, ...foreign.frames]).toEqual([]);
  });

  it("refuse a read mark that is not a message id", async () => {
    const { join, alice } = await setup();
    const socket = await join(alice, "general");
    socket.send({ read: "soon" });
    expect(await socket.frame((f) => f.includes("A read mark is a message id."))).toBeTruthy();
  });
});
