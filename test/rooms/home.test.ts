import { describe, expect, it } from "vitest";
import { fragment } from "../support/html.ts";
import { browser, createTestApp, signUp } from "../support/test-app.ts";

const allRooms = async (client: ReturnType<typeof browser>, path = "/") => {
  const page = fragment(await (await client.get(path)).text());
  const section = page.querySelector("#discover");
  return {
    names: [...(section?.querySelectorAll(".room-card strong") ?? [])].map((name) => name.textContent),
    links: [...(section?.querySelectorAll("nav a") ?? [])].map((a) => [a.textContent, a.getAttribute("href")]),
  };
};

describe("the home page's list of rooms to discover", () => {
  it("shows the most recently active rooms a page at a time, however many there are", async () => {
    const { app } = await createTestApp();
    const alice = await signUp(browser(app), "alice");
    for (let i = 1; i <= 35; i++) expect((await alice.postForm("/rooms", { name: `Room ${i}` })).status).toBe(303);
    // The oldest room speaks last, so it is the most recently active.
    await alice.postJson("/api/rooms/room-1/messages", { body: "still here" });

    const first = await allRooms(browser(app));
    expect(first.names).toHaveLength(30);
    expect(first.names[0]).toBe("Room 1");
    expect(first.links).toEqual([["More rooms", "/?page=2#discover"]]);

    const second = await allRooms(browser(app), "/?page=2");
    expect(second.names).toHaveLength(5);
    expect(new Set([...first.names, ...second.names]).size).toBe(35);
    expect(second.links).toEqual([["Busier rooms", "/?page=1#discover"]]);
  });

  it("treats a page number that is not one as the first page", async () => {
    const { app } = await createTestApp();
    for (const path of ["/?page=0", "/?page=-1", "/?page=x", "/?page=1e9", "/?page=2.5"]) {
      expect((await browser(app).get(path)).status, path).toBe(200);
    }
  });
});

describe("home on an install with no rooms yet", () => {
  const texts = async (client: ReturnType<typeof browser>) => {
    const page = fragment(await (await client.get("/")).text());
    return [...page.querySelectorAll(".empty")].map((line) => line.textContent ?? "");
  };

  it("invites the first signed-in person to create the first room, not to open one below", async () => {
    const { app } = await createTestApp();
    const alice = await signUp(browser(app), "alice");
    const lines = await texts(alice);
    expect(lines.join(" ")).not.toMatch(/every room there is|open one below/);
    expect(lines).toContain("There are no rooms yet: create the first one below.");
  });

  it("tells a visitor there are no rooms yet, and how to make one", async () => {
    const { app } = await createTestApp();
    expect(await texts(browser(app))).toEqual(["No rooms yet: sign up to create the first one."]);
  });

  it("still says so when the person is in every room there is", async () => {
    const { app } = await createTestApp();
    const alice = await signUp(browser(app), "alice");
    await alice.postForm("/rooms", { name: "General" });
    expect(await texts(alice)).toEqual(["You are in every public room there is."]);
  });
});
