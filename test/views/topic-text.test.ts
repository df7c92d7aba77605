import { describe, expect, it } from "vitest";
import { fragment } from "../support/html.ts";
import { origin, roomInProcess } from "../support/test-app.ts";

const topic = "*new* plans: see https://example.com/plan and `npm start` <b>now</b> @bob";

describe("a room's topic, formatted as messages are", () => {
  it("shows emphasis, code and a safe link in the room's header, the markup escaped", async () => {
    const { alice } = await roomInProcess([{ name: "General", topic }]);
    const html = await (await alice.get("/rooms/general")).text();
    const shown = fragment(html).querySelector(".room-header .topic");
    expect(shown?.querySelector("em")?.textContent).toBe("new");
    expect(shown?.querySelector("code")?.textContent).toBe("npm start");
    const link = shown?.querySelector("a");
    expect(link?.getAttribute("href")).toBe("https://example.com/plan");
    expect(link?.getAttribute("rel")).toBe("noopener nofollow ugc");
    expect(link?.getAttribute("target")).toBe("_blank");
    expect(shown?.querySelectorAll("a")).toHaveLength(1);
    expect(shown?.querySelector("b, p")).toBeNull();
    expect(shown?.textContent).toBe("new plans: see https://example.com/plan and npm start <b>now</b> @bob");
    expect(html).not.toContain("<b>now");
  });

  it("reaches open pages formatted when the creator changes it", async () => {
    const { app, sockets, alice, bob, cookieOf } = await roomInProcess([{ name: "General", topic: "old" }]);
    const bobs = await sockets.open(app, "/rooms/general/ws", { cookie: cookieOf(bob), origin });
    expect((await alice.postForm("/rooms/general/settings", { topic })).status).toBe(303);
    const live = fragment(await bobs.frame((f) => f.includes("topic-room-")));
    expect(live.querySelector(".topic em")?.textContent).toBe("new");
    expect(live.querySelector(".topic a")?.getAttribute("rel")).toBe("noopener nofollow ugc");
  });

  it("on home's room cards, formats it without links (the whole card is the room's link)", async () => {
    const { alice } = await roomInProcess([{ name: "General", topic }]);
    const card = fragment(await (await alice.get("/")).text()).querySelector(".room-card .topic");
    expect(card?.querySelector("em")?.textContent).toBe("new");
    expect(card?.querySelector("code")?.textContent).toBe("npm start");
    expect(card?.querySelector("a")).toBeNull();
    expect(card?.textContent).toContain("https://example.com/plan");
  });
});
