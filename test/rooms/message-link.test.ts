import { describe, expect, it } from "vitest";
import { pageSizes } from "../../src/rooms/history.ts";
import { linkContext } from "../../src/rooms/message-link.ts";
import type { User } from "../../src/store/records.ts";
import { cursorId } from "../../views/messages/cursor.tsx";
import { earlierId, messagesId } from "../../views/messages/list.tsx";
import { fragment } from "../support/html.ts";
import { roomInProcess } from "../support/test-app.ts";

/** General with `count` messages from alice, bob in it; their ids in order. */
const setup = async (count: number) => {
  const test = await roomInProcess();
  await test.bob.postForm("/rooms/general/join", {});
  const room = await test.deps.store.rooms.findBySlug("general");
  const alice = (await test.deps.store.users.findByUsername("alice")) as User;
  if (!room) throw new Error("setup: no General");
  const ids: number[] = [];
  for (let i = 0; i < count; i++)
    ids.push((await test.deps.store.messages.insert(room.id, alice, `note ${i}`)).message.id);
  const open = async (query: string) => {
    const response = await test.bob.get(`/rooms/general${query}`);
    return { status: response.status, page: fragment(await response.text()) };
  };
  return { ...test, room, ids, open };
};

const shownIds = (list: Element | null) =>
  [...(list?.querySelectorAll(".message") ?? [])].map((m) => Number(m.getAttribute("data-message-id")));

describe("GET /rooms/:slug?at=<id>", () => {
  it("opens near the newest from a little before the message to the newest, whole to the newest", async () => {
    const { room, ids, open } = await setup(80);
    const at = ids[40] as number;
    const { status, page } = await open(`?at=${at}`);
    expect(status).toBe(200);
    expect(page.querySelector(".stage")?.getAttribute("data-linked-message")).toBe(String(at));
    expect(shownIds(page.querySelector(`#${messagesId(room)}`))).toEqual(ids.slice(40 - linkContext));
    expect(page.querySelector(".older button")).not.toBeNull();
    expect(page.querySelector(`#${cursorId(room)}`)?.getAttribute("data-through-id")).toBe(String(ids.at(-1)));
    expect(page.querySelector(".newer-gap")).toBeNull();
  });

  it("opens far back at the message among its neighbours, the live list empty and the socket resuming at the newest", async () => {
    const { room, ids, open } = await setup(pageSizes.replay + 60);
    const at = ids[30] as number;
    const { page } = await open(`?at=${at}`);
    expect(shownIds(page.querySelector(`#${earlierId(room)}`))).toEqual(
      ids.slice(30 - linkContext, 30 + linkContext + 1),
    );
    expect(shownIds(page.querySelector(`#${messagesId(room)}`))).toEqual([]);
    expect(page.querySelector(".newer-gap a")?.getAttribute("href")).toBe("general");
    const newest = String(ids.at(-1));
    expect(page.querySelector(`#${cursorId(room)}`)?.getAttribute("data-through-id")).toBe(newest);
    expect(page.querySelector("section.room")?.getAttribute("hx-ws:connect")).toBe(`/rooms/general/ws?after=${newest}`);
    expect(page.querySelector(".older button")?.getAttribute("hx-get")).toBe(
      `general/messages?before=${ids[30 - linkContext]}`,
    );
  });

  it("opens the room as usual, saying so, for a message that is deleted, elsewhere or made up", async () => {
    const { alice, deps, room, ids, open } = await setup(3);
    await alice.postForm("/rooms", { name: "Other" });
    const other = await deps.store.rooms.findBySlug("other");
    const author = (await deps.store.users.findByUsername("alice")) as User;
    const elsewhere = (await deps.store.messages.insert(other?.id ?? 0, author, "not here")).message.id;
    await deps.store.messages.remove(room.id, ids[1] as number, new Date());
    for (const at of [ids[1], elsewhere, 999_999, "x", "-1"]) {
      const { status, page } = await open(`?at=${at}`);
      expect(status, String(at)).toBe(200);
      expect(page.querySelector(".link-notice")?.textContent, String(at)).toMatch(/not in this room/);
      expect(page.querySelector(".stage")?.hasAttribute("data-linked-message")).toBe(false);
      expect(shownIds(page.querySelector(`#${messagesId(room)}`))).toEqual([ids[0], ids[2]]);
    }
    expect((await open("")).page.querySelector(".link-notice")).toBeNull();
  });

  it("answers a private room a person may not see exactly as a made-up one, ?at= or not", async () => {
    const { alice, bob } = await setup(0);
    const made = await alice.postForm("/rooms", { name: "Plans", visibility: "private" });
    const slug = (made.headers.get("location") ?? "").replace("/rooms/", "");
    const hidden = await bob.get(`/rooms/${slug}?at=1`);
    const madeUp = await bob.get(`/rooms/${slug.replace(/^./, (c) => (c === "0" ? "1" : "0"))}?at=1`);
    expect([hidden.status, madeUp.status]).toEqual([404, 404]);
  });
});
