import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, signUpOver, socketOf } from "../support/client.ts";
import { fragment } from "../support/html.ts";
import { type Launch, type RunningServer, removeDataDir, startServer } from "../support/server.ts";

/**
 * The same story on every target (Bun from source, the binary, Node, Deno): sign up, create a
 * room, two sockets exchange a message, and the history survives a restart.
 */
export function smokeSuite(target: string, launch: () => Launch, options: { skip?: boolean; dataDir?: string } = {}) {
  describe.skipIf(options.skip)(`Parley on ${target}`, () => {
    let server: RunningServer;
    let alice: Client;
    let bob: Client;
    let slug: string;
    const start = (previous?: RunningServer) =>
      startServer({ launch: launch(), dataDir: previous?.dataDir ?? options.dataDir, port: previous?.port });

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

    it("serves its static files", async () => {
      for (const file of [
        "htmx.js",
        "hx-ws.js",
        "hx-upsert.js",
        "app.css",
        "room.js",
        "connection.js",
        "composer.js",
      ]) {
        const response = await fetch(`${server.url}/static/${file}`);
        expect(response.status, file).toBe(200);
        expect((await response.text()).length, file).toBeGreaterThan(10);
      }
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
        return socket;
      };
      const [a, b] = [await join(alice), await join(bob)];
      // Joined once a page render has come back after the open: the socket is subscribed by then.
      await alice.call(`/rooms/${slug}`);
      a.send({ body: `hello from ${target}`, headers: { "HX-Request": "true" } });
      const mentions = (frame: string) => frame.includes(`hello from ${target}`);
      const [toAlice, toBob] = await Promise.all([a.frame(mentions), b.frame(mentions)]);
      expect(toBob).toBe(toAlice);
      expect(fragment(toBob).querySelector("article.message .author")?.textContent).toBe("alice");
      a.close();
      b.close();
    });

    it("keeps the history and the sessions across a restart", async () => {
      const before = await bob.messages(slug);
      expect(before.map((m) => m.body)).toEqual([`hello from ${target}`]);
      await server.stop();
      server = await start(server);
      expect(await bob.messages(slug)).toEqual(before);
    });
  });
}
