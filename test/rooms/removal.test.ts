import { describe, expect, it } from "vitest";
import { endingId } from "../../views/rooms/connection.tsx";
import { fragment } from "../support/html.ts";
import { roomsWithBob } from "../support/test-app.ts";

/** A person removed or banned from a room, or a deleted room: their open sockets there close at once, told why. */
describe("removal from a room, live", () => {
  const setup = () => roomsWithBob([{ name: "General" }, { name: "Other" }]);
  const endingText = (frame: string) => fragment(frame).querySelector(".connection-ending")?.getAttribute("data-text");

  it("closes the removed person's sockets in that room, saying why first; their other rooms and other people stay", async () => {
    const { alice, bob, open, room } = await setup();
    const [bobs, bobsOther, alices] = [await open(bob), await open(bob, "other"), await open(alice)];
    expect((await alice.postForm("/rooms/general/members/bob/remove", {})).status).toBe(303);
    expect(await bobs.whenClosed()).toEqual({ code: 4403, reason: "removed" });
    const notice = bobs.frames.at(-1) ?? "";
    expect(fragment(notice).querySelector("hx-partial")?.getAttribute("hx-target")).toBe(`#${endingId(room)}`);
    expect(endingText(notice)).toBe("You were removed from General.");
    expect(bobsOther.closed).toBeNull();
    expect(alices.closed).toBeNull();
  });

  it("closes a person removed from a private room with 4404: the room is now as if it did not exist to them", async () => {
    const { alice, bob, deps, joinRoom } = await setup();
    const made = await alice.postForm("/rooms", { name: "Backroom", visibility: "private" });
    const slug = (made.headers.get("location") ?? "").replace("/rooms/", "");
    expect((await alice.postForm(`/rooms/${slug}/members`, { username: "bob" })).status).toBe(303);
    const bobs = await joinRoom(bob, slug);
    await bobs.frame((frame) => frame.includes("here-room-"));
    expect((await alice.postForm(`/rooms/${slug}/members/bob/remove`, {})).status).toBe(303);
    expect(await bobs.whenClosed()).toEqual({ code: 4404, reason: "removed" });
    expect(endingText(bobs.frames.at(-1) ?? "")).toBe("You were removed from Backroom.");
    for (const path of [`/rooms/${slug}`, `/rooms/${slug}/members`]) expect((await bob.get(path)).status).toBe(404);
    const room = await deps.store.rooms.findBySlug(slug);
    const owner = await deps.store.users.findByUsername("alice");
    expect(await deps.store.rooms.standing(room?.id ?? -1, owner?.id ?? -1)).toEqual({ role: "owner", banned: false });
  });

  it("closes a banned person's sockets with a made-up slug's 4404, and refuses their socket from then on", async () => {
    const { alice, bob, open, joinRoom } = await setup();
    const bobs = await open(bob);
    await alice.postForm("/rooms/general/members/bob/ban", {});
    expect(await bobs.whenClosed()).toEqual({ code: 4404, reason: "banned" });
    expect(endingText(bobs.frames.at(-1) ?? "")).toBe("You were banned from General.");
    const again = await joinRoom(bob, "general");
    expect((await again.whenClosed()).code).toBe(4404);
    expect(again.frames).toEqual([]);
  });

  it("closes every socket of a deleted room with 4404, saying so; other rooms stay open", async () => {
    const { alice, bob, open } = await setup();
    const [alices, bobs, bobsOther] = [await open(alice), await open(bob), await open(bob, "other")];
    expect((await alice.postForm("/rooms/general/delete", { confirm: "General" })).status).toBe(303);
    for (const socket of [alices, bobs]) {
      expect(await socket.whenClosed()).toEqual({ code: 4404, reason: "deleted" });
      expect(endingText(socket.frames.at(-1) ?? "")).toBe("General was deleted.");
    }
    expect(bobsOther.closed).toBeNull();
  });

  it("closes the deleted room's embed readers too", async () => {
    const { app, alice, sockets } = await setup();
    await alice.postForm("/rooms/general/settings", { allowed_origins: "https://docs.example.com" });
    const reader = await sockets.open(app, "/embed/general/ws?after=0", { origin: "http://localhost" });
    await alice.postForm("/rooms/general/delete", { confirm: "General" });
    expect(await reader.whenClosed()).toEqual({ code: 4404, reason: "deleted" });
  });
});
