import { readdirSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limits } from "../../src/http/throttles.ts";
import { staticManifest } from "../../views/static-manifest.ts";
import { type Client, signUpOver, socketOf } from "../support/client.ts";
import { images, sha256 } from "../support/files.ts";
import { fragment } from "../support/html.ts";
import { type Launch, type RunningServer, removeDataDir, startServer } from "../support/server.ts";

/**
 * The same story on every target (Bun from source, the binary, Node, Deno): sign up, create a
 * room, an avatar goes into the data folder, two sockets exchange a message, and the history
 * and the avatar survive a restart. Rate limits are on, as in production, so each runtime's
 * client address reaches the throttles.
 */
export function smokeSuite(
  target: string,
  launch: () => Launch,
  options: { skip?: boolean; dataDir?: string; env?: () => Record<string, string> } = {},
) {
  describe.skipIf(options.skip)(`Parley on ${target}`, () => {
    let server: RunningServer;
    let alice: Client;
    let bob: Client;
    let slug: string;
    const avatar = `${sha256(images.png.bytes)}.png`;
    const expectAvatarServed = async () => {
      const response = await fetch(`${server.url}/files/${avatar}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("image/png");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(images.png.bytes);
    };
    const start = (previous?: RunningServer) =>
      startServer({
        launch: launch(),
        dataDir: previous?.dataDir ?? options.dataDir,
        port: previous?.port,
        env: { RATE_LIMIT: "on", ...options.env?.() },
      });

    beforeAll(async () => {
      server = await start();
    });
    afterAll(async () => {
      await server?.stop();
      if (server) removeDataDir(server);
    });

    it("signs people up and creates a room", async () => {
      alice = await signUpOver(server.url, "alice");
      bob = await signUpOver(server.url, "bob");
      slug = await alice.createRoom("General");
      expect(slug).toBe("general");
      const page = await bob.call(`/rooms/${slug}`);
      expect(page.status).toBe(200);
      expect(fragment(await page.text()).querySelector("h1")?.textContent).toContain("General");
    });

    it("stores an avatar in the data folder once and serves it as an image", async () => {
      const upload = () => {
        const form = new FormData();
        form.set("display_name", `Alice on ${target}`);
        form.set("avatar", new File([images.png.bytes as Uint8Array<ArrayBuffer>], "me.png", { type: "text/html" }));
        return alice.call("/settings/profile", { method: "POST", body: form });
      };
      expect((await upload()).status).toBe(303);
      expect((await upload()).status).toBe(303);
      expect(readdirSync(join(server.dataDir, "files", avatar.slice(0, 2)))).toEqual([avatar]);
      await expectAvatarServed();
      const profile = fragment(await (await bob.call("/u/alice")).text());
      expect(profile.querySelector("img.avatar")?.getAttribute("src")).toBe(`/files/${avatar}`);
      expect((await fetch(`${server.url}/files/..%2Fparley.db`)).status).toBe(404);
    });

    it("throttles sign-ups by the caller's address, with a 429 that says when to retry", async () => {
      const attempt = () =>
        fetch(`${server.url}/signup`, {
          method: "POST",
          body: new URLSearchParams({ username: "x", password: "short" }),
          headers: { origin: server.url },
        });
      const statuses: number[] = [];
      // alice and bob already used two of this address's sign-ups.
      for (let i = 0; i < limits.signup.ip.burst - 1; i++) statuses.push((await attempt()).status);
      expect(statuses.slice(0, -1).every((status) => status === 422)).toBe(true);
      expect(statuses.at(-1)).toBe(429);
      expect(Number((await attempt()).headers.get("retry-after"))).toBeGreaterThan(0);
    });

    it("serves its static files, unsniffable, and no inherited names", async () => {
      for (const { name: file } of staticManifest) {
        const response = await fetch(`${server.url}/static/${file}`);
        expect(response.status, file).toBe(200);
        expect(response.headers.get("x-content-type-options"), file).toBe("nosniff");
        expect((await response.text()).length, file).toBeGreaterThan(10);
      }
      for (const name of ["__proto__", "constructor", "toString"]) {
        expect((await fetch(`${server.url}/static/${name}`)).status, name).toBe(404);
      }
      const page = await fetch(server.url);
      expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
      // The embed snippet's script, for other sites' pages.
      const snippet = await fetch(`${server.url}/embed.js`);
      expect(snippet.status).toBe(200);
      expect(snippet.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
      expect(await snippet.text()).toContain("parley-room");
    });

    it("compresses app.css and pages, and answers a revalidation with 304", async () => {
      const plain = await fetch(`${server.url}/static/app.css`, { headers: { "accept-encoding": "identity" } });
      const css = await plain.text();
      for (const encoding of ["br", "gzip"]) {
        // fetch decompresses the body and keeps the header that says how it came.
        const response = await fetch(`${server.url}/static/app.css`, { headers: { "accept-encoding": encoding } });
        expect(response.headers.get("content-encoding"), encoding).toBe(encoding);
        expect(await response.text(), encoding).toBe(css);
      }
      const etag = plain.headers.get("etag") ?? "";
      expect(etag).not.toBe("");
      const again = await fetch(`${server.url}/static/app.css`, { headers: { "if-none-match": etag } });
      expect(again.status).toBe(304);
      const page = await fetch(`${server.url}/login`, { headers: { "accept-encoding": "gzip" } });
      expect(page.headers.get("content-encoding")).toBe("gzip");
      expect(fragment(await page.text()).querySelector("h1")).not.toBeNull();
      const icon = await fetch(`${server.url}/favicon.ico`, { redirect: "manual" });
      expect(icon.headers.get("location")).toBe("/static/favicon.svg");
    });

    it("answers unknown paths with its own not-found page, or JSON under /api", async () => {
      for (const path of ["/rooms", "/rooms/x/", "/static/nope.js"]) {
        const response = await fetch(`${server.url}${path}`);
        expect(response.status, path).toBe(404);
        expect(fragment(await response.text()).querySelector("h1")?.textContent, path).toBe("Not found");
      }
      const api = await fetch(`${server.url}/api/anything`);
      expect(api.status).toBe(404);
      expect(await api.json()).toEqual({ error: "There is nothing at this address." });
    });

    it("carries a message between two sockets as the same fragment", async () => {
      const join = async (client: Client) => {
        const socket = socketOf(client, server.url, slug);
        await socket.opened;
        // Who is here comes once the socket is subscribed: from then on it hears the room.
        await socket.frame((frame) => frame.includes("here-room-"));
        return socket;
      };
      const [a, b] = [await join(alice), await join(bob)];
      a.send({ body: `hello from ${target}`, headers: { "HX-Request": "true" } });
      const mentions = (frame: string) => frame.includes(`hello from ${target}`);
      const [toAlice, toBob] = await Promise.all([a.frame(mentions), b.frame(mentions)]);
      expect(toBob).toBe(toAlice);
      // The author as the earlier test left her: display name, avatar; the link keeps the username.
      const article = fragment(toBob).querySelector("article.message");
      expect(article?.querySelector(".author")?.textContent).toBe(`Alice on ${target}`);
      expect(article?.querySelector(".author")?.getAttribute("href")).toBe("/u/alice");
      expect(article?.querySelector("img.avatar")?.getAttribute("src")).toBe(`/files/${avatar}`);

      a.close();
      b.close();
    });

    it("stores a burst sent at once each once, in the order sent (this runtime's multi-row inserts)", async () => {
      // A room of its own: the tests after this one count General's messages.
      const burst = await alice.createRoom("Burst");
      const socket = socketOf(alice, server.url, burst);
      await socket.opened;
      await socket.frame((frame) => frame.includes("here-room-"));
      const bodies = Array.from({ length: 30 }, (_, i) => `line ${i + 1} on ${target}`);
      // The 30 frames go out together, so the server reads them in one turn; one key comes twice.
      for (const [i, body] of bodies.entries()) socket.send({ body, key: `burst-${i}` });
      socket.send({ body: bodies[4], key: "burst-4" });
      await socket.frame((frame) => frame.includes(`line 30 on ${target}<`));

      const stored = (await (await alice.call(`/api/rooms/${burst}/messages?limit=100`)).json()).messages as {
        id: number;
        body: string;
      }[];
      expect(stored.map((m) => m.body)).toEqual(bodies);
      const ids = stored.map((m) => m.id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      socket.close();
    });

    it("finds a message by its words (this runtime's full-text index)", async () => {
      // A room of its own: the tests after this one count General's messages.
      const notes = await alice.createRoom("Notes");
      await alice.post(notes, `The ferry to ${target} leaves at dawn`);
      await alice.post(notes, "nothing to see");
      const search = async (q: string) =>
        (await (await alice.call(`/api/search?q=${encodeURIComponent(q)}&room=${notes}`)).json()).messages.map(
          (m: { body: string }) => m.body,
        );
      expect(await search("FERRY dawn")).toEqual([`The ferry to ${target} leaves at dawn`]);
      expect(await search("ferry sunset")).toEqual([]);
    });

    it("posts an image message as a multipart form, broadcast to the room like any message", async () => {
      // A room of its own: the tests after this one count General's messages.
      const pictures = await alice.createRoom("Pictures");
      const b = socketOf(bob, server.url, pictures);
      await b.opened;
      // Subscribed (who is here comes then): the image's broadcast reaches this socket.
      await b.frame((frame) => frame.includes("here-room-"));
      const form = new FormData();
      form.set("body", `an image on ${target}`);
      form.set("image", new File([images.gif.bytes as Uint8Array<ArrayBuffer>], "a.gif", { type: "image/gif" }));
      const posted = await alice.call(`/rooms/${pictures}/messages`, {
        method: "POST",
        body: form,
        headers: { "HX-Request": "true" },
      });
      expect(posted.status).toBe(200);
      const image = fragment(await b.frame((f) => f.includes(`an image on ${target}`))).querySelector(
        ".attachment img",
      );
      expect([image?.getAttribute("width"), image?.getAttribute("height")]).toEqual(["3", "2"]);
      expect((await fetch(`${server.url}${image?.getAttribute("src")}`)).headers.get("content-type")).toBe("image/gif");
      b.close();
    });

    it("drains on SIGTERM: sockets hear 1001, a request in flight is answered and stored", async () => {
      const socket = socketOf(alice, server.url, slug);
      await socket.opened;
      const text = `sent while stopping ${target}`;
      const inFlight = startPost(
        server.url,
        `/api/rooms/${slug}/messages`,
        alice.cookie,
        JSON.stringify({ body: text }),
      );
      // Long enough for the server to read the request's head; its body is still to come.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const stopped = server.stop();
      expect(await socket.closed).toEqual({ code: 1001, reason: "going away" });
      expect(await inFlight.finish()).toBe(201);
      await stopped;
      server = await start(server);
      expect((await bob.messages(slug)).map((m) => m.body)).toEqual([`hello from ${target}`, text]);
    });

    it("keeps the history and the sessions across a restart", async () => {
      const before = await bob.messages(slug);
      expect(before).toHaveLength(2);
      await server.stop();
      server = await start(server);
      expect(await bob.messages(slug)).toEqual(before);
      await expectAvatarServed();
    });
  });
}

/** A POST whose head is sent now and whose body only when `finish` is called: a request in flight. */
function startPost(url: string, path: string, cookie: string, body: string) {
  const { hostname, port } = new URL(url);
  const request = httpRequest({
    hostname,
    port,
    path,
    method: "POST",
    agent: false,
    headers: {
      cookie,
      origin: url,
      connection: "close",
      "content-type": "application/json",
      "content-length": Buffer.byteLength(body),
    },
  });
  const status = new Promise<number>((resolve, reject) => {
    request.once("response", (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.once("error", reject);
  });
  request.flushHeaders();
  return {
    finish: () => {
      request.end(body);
      return status;
    },
  };
}
