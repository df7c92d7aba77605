import { describe, expect, it } from "vitest";
import { createMemoryPresence } from "../../src/live/presence-store.ts";
import { createRoomPresence } from "../../src/live/room-presence.tsx";
import { rootPaths } from "../../views/paths.ts";
import { fragment } from "../support/html.ts";
import { roomInProcess } from "../support/test-app.ts";

const setup = () => roomInProcess();

/** The names the latest presence frame (from `from` on) lists, as the sidebar shows them. */
const presentIn = (html: string) =>
  [...fragment(html).querySelectorAll("ul.present .present-name")].map((name) => name.textContent);
const isPresence = (frame: string) => frame.includes('class="present"');

describe("presence in a room", () => {
  it("shows who is here as they come and go, counting several tabs of one person once", async () => {
    const { join, alice, bob } = await setup();
    const a = await join(alice);
    expect(presentIn(await a.frame(isPresence))).toEqual(["alice"]);

    const b1 = await join(bob);
    expect(presentIn(await a.frame(isPresence, a.frames.length))).toEqual(["alice", "bob"]);
    expect(presentIn(await b1.frame(isPresence))).toEqual(["alice", "bob"]);
    expect(fragment(a.frames.at(-1) ?? "").querySelector(".here-count")?.textContent).toBe("2 here");

    // A second tab: nothing changes for the others, the tab itself hears the list.
    const seen = a.frames.length;
    const b2 = await join(bob);
    expect(presentIn(await b2.frame(isPresence))).toEqual(["alice", "bob"]);
    b1.close();
    // Bob speaks from the tab left open: by the time it arrives, the closed tab's leaving is done.
    b2.send({ body: "still here" });
    const spoken = await a.frame((f) => f.includes("still here"), seen);
    expect(a.frames.slice(seen, a.frames.indexOf(spoken)).filter(isPresence)).toEqual([]);

    // Bob's last tab closes: he leaves everyone's list at once.
    b2.close();
    expect(presentIn(await a.frame(isPresence, seen))).toEqual(["alice"]);
  });

  it("corrects a list that changed without a word (another instance crashed) on its next sweep", async () => {
    const store = createMemoryPresence();
    const published: string[] = [];
    const channels = { publish: () => {}, publishHere: (_topic: string, html: string) => published.push(html) };
    const presence = createRoomPresence(store, channels, async () => 2, rootPaths, { sweepMs: 20 });
    await presence.enter(1, { id: 1, username: "alice", displayName: null, avatar: null });
    await store.add(1, { id: 2, username: "ghost", displayName: null, avatar: null });
    await expect.poll(() => published.length).toBeGreaterThan(0);
    expect(presentIn(published[0] ?? "")).toEqual(["alice", "ghost"]);
    presence.stop();
  });
});

describe("typing", () => {
  it("reaches everyone in the room but the typist, once per couple of seconds, and ends with the message", async () => {
    const { join, alice, bob } = await setup();
    const a = await join(alice);
    const b1 = await join(bob);
    const b2 = await join(bob);
    await a.frame((f) => isPresence(f) && f.includes("bob"));
    const typing = (f: string) => f.includes("is typing");

    b1.send({ typing: true, headers: {} });
    const line = fragment(await a.frame(typing));
    expect(line.querySelector(".typist")?.textContent).toBe("bob is typing…");
    expect(line.querySelector("hx-partial")?.getAttribute("hx-target")).toMatch(/^#typing-room-\d+$/);

    // A second signal from the same page right away is not passed on.
    const before = a.frames.filter(typing).length;
    b1.send({ typing: true });
    b1.send({ typing: true });
    b1.send({ body: "hello" });
    const stop = await a.frame((f) => f.includes('hx-swap="delete"') && f.includes("typing-room-"));
    expect(stop).toMatch(/typing-room-\d+-\d+/);
    await a.frame((f) => f.includes("hello"));
    expect(a.frames.filter(typing).length).toBe(before);

    // Never to the typist, in any of their tabs.
    expect([...b1.frames, ...b2.frames].some(typing)).toBe(false);
  });
});
