import { sign } from "hono/jwt";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { fragment } from "../support/html.ts";
import { browser, origin, roomInProcess } from "../support/test-app.ts";

const host = "http://docs.example.com";

/** Alice's General shared with one site: guests on unless told. */
async function sharedRoom({ guests = "on" } = {}) {
  const room = await roomInProcess();
  const saved = await room.alice.postForm("/rooms/general/settings", { allowed_origins: `${host}\n`, guests });
  expect(saved.status).toBe(303);
  const secret = await secretOf(room.alice);
  return { ...room, secret };
}

async function secretOf(client: ReturnType<typeof browser>) {
  const page = await (await client.get("/rooms/general/settings")).text();
  const secret =
    /id="embed-secret"[^>]*value="([^"]+)"/.exec(page)?.[1] ?? /value="([^"]+)"[^>]*id="embed-secret"/.exec(page)?.[1];
  if (!secret) throw new Error("no secret on the settings page");
  return secret;
}

const inMinutes = (minutes: number) => Math.floor(Date.now() / 1000) + minutes * 60;
const tokenFor = (secret: string, claims: Record<string, unknown> = {}) =>
  sign({ sub: "u-17", name: "Ada from Docs", aud: "general", exp: inMinutes(5), ...claims }, secret, "HS256");

/** The session a redirect into the frame carries. */
const sessionOf = (response: Response) => {
  const location = response.headers.get("location") ?? "";
  return new URL(location, origin).searchParams.get("session") ?? "";
};

describe("embedding a room", () => {
  it("is closed until the creator lists a site, and then framed by that site only", async () => {
    const { app, alice, bob } = await roomInProcess();
    const visitor = browser(app);
    const closed = await visitor.get("/embed/general");
    expect(closed.status).toBe(404);
    expect(closed.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");

    expect((await bob.postForm("/rooms/general/settings", { allowed_origins: host })).status).toBe(403);
    const bad = await alice.postForm("/rooms/general/settings", { allowed_origins: "docs.example.com/page" });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("is not an origin");

    await alice.postForm("/rooms/general/settings", { allowed_origins: `${host}/\nhttps://Shop.Example.com:443` });
    const open = await visitor.get("/embed/general?theme=dark&accent=ff6600");
    expect(open.status).toBe(200);
    const policy = open.headers.get("content-security-policy") ?? "";
    expect(policy).toContain(`frame-ancestors ${host} https://shop.example.com`);
    expect(open.headers.get("x-frame-options")).toBeNull();
    const html = await open.text();
    expect(html).toContain('data-theme="dark"');
    expect(html).toContain("--accent:#ff6600");
    // Neither guests nor a token: read only.
    expect(html).toContain("Read only");
    expect(html).not.toContain('name="body"');

    // Other pages still refuse every frame.
    expect((await visitor.get("/login")).headers.get("x-frame-options")).toBe("DENY");
  });

  it("lets a guest pick a nickname and speak, shown as a guest, live to the room", async () => {
    const { app, alice, join, sockets } = await sharedRoom();
    const guest = browser(app);
    const empty = await guest.postForm("/embed/general/guest?theme=light", { nickname: "  " });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain("Pick a nickname");

    const entered = await guest.postForm("/embed/general/guest?theme=light", { nickname: "Grace" });
    expect(entered.status).toBe(303);
    expect(entered.headers.get("location")).toMatch(/^\/embed\/general\?theme=light&session=/);
    const session = sessionOf(entered);
    const page = await (await guest.get(`/embed/general?session=${session}`)).text();
    expect(page).toContain('name="body"');
    expect(page).toContain("You are Grace (guest)");

    const member = await join(alice);
    const speaker = await sockets.open(app, `/embed/general/ws?after=0&session=${session}`, { origin });
    speaker.send({ body: "hello from the docs", key: "k1" });
    const seen = await member.frame((frame) => frame.includes("hello from the docs"));
    expect(seen).toContain("Grace");
    expect(seen).toContain('class="guest-tag"');

    // A guest has no password: the account forms do not know them.
    const username = /title="@([^"]+)"/.exec(seen)?.[1] ?? "";
    expect(username).toMatch(/^guest-/);
    const login = await browser(app).postForm("/login", { username, password: "" });
    expect(login.status).not.toBe(303);
  });

  it("knows a guest again on the host site's next page by a partitioned cookie of the room's embed", async () => {
    const { app, alice, secret } = await sharedRoom();
    const guest = browser(app);
    const entered = await guest.postForm("/embed/general/guest", { nickname: "Grace" });
    const cookie = entered.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^parley_guest=[^;]+;/);
    // Kept by browsers in a third-party frame only as a partitioned cookie: per host site, and for this room.
    for (const part of ["Path=/embed/general", "HttpOnly", "Secure", "SameSite=None", "Partitioned", "Max-Age=604800"])
      expect(cookie).toContain(part);

    // A new frame, with no session in its address: the same guest, speaking, not asked again.
    const again = await (await guest.get("/embed/general?theme=light")).text();
    expect(again).toContain("You are Grace (guest)");
    expect(again).not.toContain('name="nickname"');
    expect(again).toContain(`session=${encodeURIComponent(sessionOf(entered))}`);
    // The site's own sign-in wins over a guest this browser once was.
    const signed = await guest.get(`/embed/general?token=${await tokenFor(secret)}`);
    expect(signed.status).toBe(303);
    expect(await (await guest.get(signed.headers.get("location") ?? "")).text()).toContain("You are Ada from Docs");

    // Guests turned off end guest sessions: the cookie is let go and the frame reads along.
    await alice.postForm("/rooms/general/settings", { guests: "off" });
    await alice.postForm("/rooms/general/settings", { guests: "on", allowed_origins: host });
    const ended = await guest.get("/embed/general");
    expect(ended.headers.get("set-cookie")).toMatch(/^parley_guest=;.*Max-Age=0/);
    expect(await ended.text()).toContain('name="nickname"');
    expect(guest.jar.has("parley_guest")).toBe(false);
  });

  it("keeps an embed's session to its embed: it opens no other page of Parley", async () => {
    const { app, sockets } = await sharedRoom();
    const session = sessionOf(await browser(app).postForm("/embed/general/guest", { nickname: "Grace" }));
    const asCookie = await app.request(`${origin}/rooms/general`, { headers: { cookie: `parley_session=${session}` } });
    expect(asCookie.status).toBe(303);
    expect(asCookie.headers.get("location")).toMatch(/^\/login/);
    const roomSocket = await sockets.open(app, "/rooms/general/ws", { origin, cookie: `parley_session=${session}` });
    expect((await roomSocket.whenClosed()).code).toBe(4401);
  });

  it("holds a network that makes guests by the dozen", async () => {
    const { app, alice } = await roomInProcess(undefined, { config: loadConfig({ RATE_LIMIT: "on" }) });
    await alice.postForm("/rooms/general/settings", { allowed_origins: host, guests: "on" });
    const visitor = browser(app);
    const statuses: number[] = [];
    for (let n = 0; n < 31; n++)
      statuses.push((await visitor.postForm("/embed/general/guest", { nickname: `g${n}` })).status);
    expect(statuses.slice(0, 30).every((status) => status === 303)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it("signs guests out, open sockets and all, when the creator turns guests off", async () => {
    const { app, alice, sockets } = await sharedRoom();
    const session = sessionOf(await browser(app).postForm("/embed/general/guest", { nickname: "Grace" }));
    const speaker = await sockets.open(app, `/embed/general/ws?session=${session}`, { origin });
    await alice.postForm("/rooms/general/settings", { guests: "off" });
    expect((await speaker.whenClosed()).code).toBe(4401);
    const page = await browser(app).get(`/embed/general?session=${session}`);
    expect(page.status).toBe(401);
    expect(await page.text()).toContain("Your session here has ended");
  });

  it("refuses a nickname with invisible or text-direction characters, keeping what was typed", async () => {
    const { app } = await sharedRoom();
    for (const nickname of ["Gr\u200bace", "\u202Eecarg", "Grace\u200f", "\u2060Grace"]) {
      const refused = await browser(app).postForm("/embed/general/guest", { nickname });
      expect(refused.status, JSON.stringify(nickname)).toBe(422);
      const html = await refused.text();
      expect(html).toContain("A nickname cannot hold invisible or text-direction characters.");
      expect(html).toContain(`value="${nickname}"`);
    }
  });

  it("tags a guest in the room's Here now list, and no member", async () => {
    const { app, alice, join, sockets } = await sharedRoom();
    const member = await join(alice);
    const session = sessionOf(await browser(app).postForm("/embed/general/guest", { nickname: "Grace" }));
    await sockets.open(app, `/embed/general/ws?session=${session}`, { origin });
    const isPresence = (frame: string) => frame.includes('class="present"') && frame.includes("Grace");
    const list = fragment(await member.frame(isPresence)).querySelectorAll("ul.present li");
    const rows = [...list].map((row) => [
      row.querySelector(".present-name")?.textContent,
      row.querySelector(".guest-tag")?.textContent ?? null,
    ]);
    expect(rows).toEqual([
      ["alice", null],
      ["Grace", "guest"],
    ]);
  });

  it("refuses guests where the creator turned them off", async () => {
    const { app } = await sharedRoom({ guests: "off" });
    const refused = await browser(app).postForm("/embed/general/guest", { nickname: "Grace" });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("Guests cannot write in this room");
  });

  it("reads along without a session, and never speaks", async () => {
    const { app, alice, join, sockets } = await sharedRoom({ guests: "off" });
    const reader = await sockets.open(app, "/embed/general/ws?after=0", { origin });
    const member = await join(alice);
    reader.send({ body: "let me in", key: "r1" });
    member.send({ body: "welcome, readers", key: "a1" });
    await reader.frame((frame) => frame.includes("welcome, readers"));
    const history = await (await browser(app).get("/embed/general/messages?after=0")).text();
    expect(history).toContain("welcome, readers");
    expect(history).not.toContain("let me in");
  });

  it("checks the Origin of an embed's socket like the room's", async () => {
    const { app, sockets } = await sharedRoom();
    const session = sessionOf(await browser(app).postForm("/embed/general/guest", { nickname: "Grace" }));
    const foreign = { origin: host };
    expect((await (await sockets.open(app, `/embed/general/ws?session=${session}`, foreign)).whenClosed()).code).toBe(
      4403,
    );
    expect((await (await sockets.open(app, "/embed/general/ws", foreign)).whenClosed()).code).toBe(4403);
  });
});

describe("a site signing its people in", () => {
  it("maps a signed person to one Parley user who speaks under their name, once per token", async () => {
    const { app, alice, join, sockets, secret } = await sharedRoom({ guests: "off" });
    const token = await tokenFor(secret);
    const entered = await browser(app).get(`/embed/general?token=${token}&host=${encodeURIComponent(host)}`);
    expect(entered.status).toBe(303);
    const session = sessionOf(entered);
    expect(entered.headers.get("location")).toContain(`host=${encodeURIComponent(host)}`);

    const member = await join(alice);
    const speaker = await sockets.open(app, `/embed/general/ws?session=${session}`, { origin });
    speaker.send({ body: "signed and sent", key: "s1" });
    const seen = await member.frame((frame) => frame.includes("signed and sent"));
    expect(seen).toContain("Ada from Docs");
    expect(seen).not.toContain("guest-tag");

    const replayed = await browser(app).get(`/embed/general?token=${token}`);
    expect(replayed.status).toBe(401);
    expect(await replayed.text()).toContain("already used");

    // The same person signed again is the same user, under their current name.
    const again = sessionOf(
      await browser(app).get(`/embed/general?token=${await tokenFor(secret, { name: "Ada L." })}`),
    );
    const page = await (await browser(app).get(`/embed/general?session=${again}`)).text();
    expect(page).toContain("You are Ada L.");
    const username = /title="@([^"]+)"/.exec(seen)?.[1];
    expect(page).toContain(`title="@${username}"`);
  });

  it("shows a signed person on home by the name the site gave, never their drawn username", async () => {
    const { app, alice, join, sockets, secret } = await sharedRoom({ guests: "off" });
    const session = sessionOf(await browser(app).get(`/embed/general?token=${await tokenFor(secret)}`));
    const member = await join(alice);
    const speaker = await sockets.open(app, `/embed/general/ws?session=${session}`, { origin });
    speaker.send({ body: "hello from the docs", key: "h1" });
    await member.frame((frame) => frame.includes("hello from the docs"));
    const home = await (await alice.get("/")).text();
    expect(home).toContain("Ada from Docs: hello from the docs");
    expect(home).not.toMatch(/ada-from-docs-\w+/);
  });

  it.each([
    ["expired", async (secret: string) => tokenFor(secret, { exp: inMinutes(-1) }), "expired"],
    ["signed with another secret", async () => tokenFor("not-the-room-secret"), "not signed with this room"],
    ["for another room", async (secret: string) => tokenFor(secret, { aud: "random" }), "for another room"],
    [
      "without expiry",
      async (secret: string) => sign({ sub: "1", name: "A", aud: "general" }, secret, "HS256"),
      "no expiry",
    ],
    ["good for a day", async (secret: string) => tokenFor(secret, { exp: inMinutes(24 * 60) }), "within an hour"],
    ["naming nobody", async (secret: string) => tokenFor(secret, { sub: "" }), "names nobody"],
    ["not a token", async () => "not.a.token", "not a valid signed token"],
  ])("refuses a token %s, with the reason, and keeps the room readable", async (_what, make, reason) => {
    const { app, secret } = await sharedRoom({ guests: "off" });
    const refused = await browser(app).get(`/embed/general?token=${encodeURIComponent(await make(secret))}`);
    expect(refused.status).toBe(401);
    const html = await refused.text();
    expect(html).toContain(reason);
    expect(html).toContain("Read only");
  });

  it("stops tokens signed with a rotated secret", async () => {
    const { app, alice, secret } = await sharedRoom();
    expect((await alice.postForm("/rooms/general/settings", { rotate_secret: "1" })).status).toBe(303);
    const rotated = await secretOf(alice);
    expect(rotated).not.toBe(secret);
    expect((await browser(app).get(`/embed/general?token=${await tokenFor(secret)}`)).status).toBe(401);
    expect((await browser(app).get(`/embed/general?token=${await tokenFor(rotated)}`)).status).toBe(303);
  });

  it("signs out those who came in with a token when the secret is rotated, guests staying", async () => {
    const { app, alice, sockets, secret } = await sharedRoom();
    const signed = sessionOf(await browser(app).get(`/embed/general?token=${await tokenFor(secret)}`));
    const guest = sessionOf(await browser(app).postForm("/embed/general/guest", { nickname: "Grace" }));
    const signedSocket = await sockets.open(app, `/embed/general/ws?session=${signed}`, { origin });
    await alice.postForm("/rooms/general/settings", { rotate_secret: "1" });
    expect((await signedSocket.whenClosed()).code).toBe(4401);
    expect((await browser(app).get(`/embed/general?session=${signed}`)).status).toBe(401);
    expect((await browser(app).get(`/embed/general?session=${guest}`)).status).toBe(200);
  });

  it("serves the snippet's script to other sites", async () => {
    const { app } = await roomInProcess();
    const script = await browser(app).get("/embed.js");
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toContain("javascript");
    expect(script.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect(await script.text()).toContain("parley:height");
  });
});

describe("the sites that may frame a room", () => {
  it("are exact origins: a wildcard is refused with the reason, and what was typed stays in the form", async () => {
    const { app, alice } = await roomInProcess();
    const typed = `${host}\nhttp://*.localhost:3419`;
    const refused = await alice.postForm("/rooms/general/settings", { allowed_origins: typed });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain("wildcards");
    expect(html).toContain("http://*.localhost:3419");
    expect(html).toContain(host);
    // Nothing was saved: the room is still not shared.
    const page = await browser(app).get("/embed/general");
    expect(page.status).toBe(404);
    expect(page.headers.get("content-security-policy")).not.toContain("*");
  });

  it("keeps a banned guest or signed person out: their socket closes, their session and a fresh token open nothing", async () => {
    const { app, alice, deps, join, sockets, secret } = await sharedRoom();
    const guest = browser(app);
    const guestSession = sessionOf(await guest.postForm("/embed/general/guest", { nickname: "Spammer" }));
    const signedSession = sessionOf(await browser(app).get(`/embed/general?token=${await tokenFor(secret)}`));
    const speakers = await Promise.all(
      [guestSession, signedSession].map((session) =>
        sockets.open(app, `/embed/general/ws?after=0&session=${session}`, { origin }),
      ),
    );
    const member = await join(alice);
    for (const [i, speaker] of speakers.entries()) {
      speaker.send({ body: `hello ${i}`, key: `k${i}` });
      await member.frame((frame) => frame.includes(`hello ${i}`));
    }
    const room = await deps.store.rooms.findBySlug("general");
    const people = await deps.store.members.roster(room?.id ?? -1, 10);
    for (const person of people.filter((p) => p.kind !== "account")) {
      expect((await alice.postForm(`/rooms/general/members/${person.username}/ban`, {})).status).toBe(303);
    }
    for (const speaker of speakers) expect((await speaker.whenClosed()).code).toBe(4404);

    // Coming back: the remembered guest, either session, a new socket, a fresh token from the site.
    expect(await (await guest.get("/embed/general")).text()).toContain('name="nickname"');
    for (const session of [guestSession, signedSession]) {
      const page = await browser(app).get(`/embed/general?session=${session}`);
      expect(page.status).toBe(401);
      const socket = await sockets.open(app, `/embed/general/ws?session=${session}`, { origin });
      expect((await socket.whenClosed()).code).toBe(4401);
    }
    const fresh = await browser(app).get(`/embed/general?token=${await tokenFor(secret, { exp: inMinutes(6) })}`);
    expect(fresh.status).toBe(403);
    expect(await fresh.text()).toContain("You were banned from this room.");
  });
});
