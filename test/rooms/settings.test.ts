import { describe, expect, it } from "vitest";
import { fragment } from "../support/html.ts";
import { origin, roomInProcess } from "../support/test-app.ts";

const setup = () => roomInProcess([{ name: "General", topic: "Old topic" }]);

describe("a room's settings", () => {
  it("let its creator change the topic: the header shows it, and open pages get it at once", async () => {
    const { app, sockets, alice, bob, cookieOf } = await setup();
    const page = fragment(await (await alice.get("/rooms/general")).text());
    expect(page.querySelector('.room-menu a[href$="/settings"]')?.getAttribute("href")).toBe("/rooms/general/settings");
    const bobs = await sockets.open(app, "/rooms/general/ws", { cookie: cookieOf(bob), origin });

    const form = fragment(await (await alice.get("/rooms/general/settings")).text());
    expect(form.querySelector("input[name=topic]")?.getAttribute("value")).toBe("Old topic");
    const saved = await alice.postForm("/rooms/general/settings", { topic: "  Plans <for> Friday  " });
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe("/rooms/general");

    const live = fragment(await bobs.frame((f) => f.includes("topic-room-")));
    expect(live.querySelector("hx-partial")?.getAttribute("hx-swap")).toBe("outerHTML");
    expect(live.querySelector(".topic")?.textContent).toBe("Plans <for> Friday");
    const after = fragment(await (await bob.get("/rooms/general")).text());
    expect(after.querySelector(".room-header .topic")?.textContent).toBe("Plans <for> Friday");
  });

  it("are the creator's alone, and refuse a topic too long", async () => {
    const { alice, bob } = await setup();
    await bob.get("/rooms/general");
    expect(
      fragment(await (await bob.get("/rooms/general")).text()).querySelector('.room-menu a[href$="/settings"]'),
    ).toBeNull();
    expect((await bob.get("/rooms/general/settings")).status).toBe(403);
    expect((await bob.postForm("/rooms/general/settings", { topic: "mine now" })).status).toBe(403);
    expect((await alice.get("/rooms/nowhere/settings")).status).toBe(404);

    const long = await alice.postForm("/rooms/general/settings", { topic: "x".repeat(201) });
    expect(long.status).toBe(422);
    expect(fragment(await long.text()).querySelector("[role=alert]")?.textContent).toBe(
      "Topics are at most 200 characters.",
    );
    const page = fragment(await (await alice.get("/rooms/general")).text());
    expect(page.querySelector(".room-header .topic")?.textContent).toBe("Old topic");
  });
});
