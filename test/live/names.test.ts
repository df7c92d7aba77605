import { describe, expect, it } from "vitest";
import { fragment } from "../support/html.ts";
import { postProfile } from "../support/profile-form.ts";
import { origin, roomInProcess } from "../support/test-app.ts";

const presentIn = (html: string) =>
  [...fragment(html).querySelectorAll("ul.present .present-name")].map((name) => name.textContent);
const isPresence = (frame: string) => frame.includes('class="present"');
const isMessage = (frame: string) => frame.includes("data-message-id=");

describe("the name people see", () => {
  it("is the display name on the typing line and in home's latest messages, as in messages", async () => {
    const { app, sockets, join, alice, bob, cookieOf } = await roomInProcess();
    expect((await postProfile(bob, { display_name: "Bob the Builder" })).status).toBe(303);
    const a = await join(alice);
    const b = await join(bob);
    await a.frame((f) => isPresence(f) && f.includes("Bob the Builder"));

    b.send({ typing: true, headers: {} });
    const typing = fragment(await a.frame((f) => f.includes("is typing")));
    expect(typing.querySelector(".typist")?.textContent).toBe("Bob the Builder is typing…");

    // Alice's home, open on another tab: the latest line arrives live, then on the page itself.
    const home = await sockets.open(app, "/me/ws", { cookie: cookieOf(alice), origin });
    await home.frame((f) => f.includes("unread-room-"));
    const from = home.frames.length;
    b.send({ body: "can we fix it?" });
    const update = fragment(await home.frame((f) => f.includes("latest-room-"), from));
    expect(update.querySelector('[id^="latest-room-"] .preview')?.textContent).toBe("Bob the Builder: can we fix it?");
    const page = fragment(await (await alice.get("/")).text());
    expect(page.querySelector(".room-card .preview")?.textContent).toBe("Bob the Builder: can we fix it?");
  });

  it("changes on open pages at once: the next message and the room's Here now carry the new name", async () => {
    const { join, alice, bob } = await roomInProcess();
    const a = await join(alice);
    const b = await join(bob);
    expect(presentIn(await a.frame((f) => isPresence(f) && f.includes("bob")))).toEqual(["alice", "bob"]);

    const seen = a.frames.length;
    expect((await postProfile(bob, { display_name: "Robert" })).status).toBe(303);
    expect(presentIn(await a.frame(isPresence, seen))).toEqual(["alice", "Robert"]);

    // Bob's socket was opened before the change; what he sends on it now carries the new name.
    b.send({ body: "call me Robert" });
    const said = fragment(await a.frame((f) => isMessage(f) && f.includes("call me Robert"), seen));
    expect(said.querySelector(".author")?.textContent).toBe("Robert");
    expect(said.querySelector(".author")?.getAttribute("href")).toBe("/u/bob");
  });
});
