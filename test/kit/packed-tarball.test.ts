import { existsSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staticManifest } from "../../views/static-manifest.ts";
import { openSocket } from "../support/client.ts";
import { installPacked } from "../support/packed-host.ts";
import { requirement } from "../support/requirement.ts";
import { type Launch, launches, type RunningServer, root, startServer } from "../support/server.ts";

/**
 * Parley as a stranger gets it: the packed tarball installed into a fresh app, which runs the
 * examples (examples/bun, node, deno). Each is a host with its own sign-in and its own signed
 * cookie, mounting Parley under /chat; two of its people chat live over real sockets.
 */
const bun = requirement(existsSync(launches.bun.command), `Bun (${launches.bun.command}), which builds the package`);
const deno = requirement(existsSync(launches.deno.command), `Deno (${launches.deno.command})`);

let installed: Awaited<ReturnType<typeof installPacked>> | undefined;

beforeAll(async () => {
  if (!bun.skip) installed = await installPacked(["bun", "node", "deno"]);
}, 180_000);

afterAll(() => {
  if (installed) rmSync(installed.folder, { recursive: true, force: true });
});

const examples: { name: string; skip: boolean; launch: (host: string) => Launch }[] = [
  {
    name: "Bun",
    skip: bun.skip,
    launch: (host) => ({ command: launches.bun.command, args: ["bun/server.ts"], cwd: host }),
  },
  {
    name: "Node",
    skip: bun.skip,
    launch: (host) => ({ command: process.execPath, args: ["node/server.js"], cwd: host }),
  },
  {
    name: "Deno",
    skip: bun.skip || deno.skip,
    launch: (host) => ({
      command: launches.deno.command,
      args: ["run", "--allow-env", "--allow-net", "--allow-read", "--allow-write", "--allow-sys", "deno/main.ts"],
      cwd: host,
    }),
  },
];

for (const example of examples) {
  describe.skipIf(example.skip)(`the ${example.name} example, installed from the tarball`, () => {
    let server: RunningServer;
    const cookies = new Map<string, string>();

    beforeAll(async () => {
      server = await startServer({
        launch: example.launch((installed as { host: string }).host),
        env: { SESSION_SECRET: "the host's own secret" },
      });
    });

    afterAll(async () => {
      await server?.stop();
      if (server) rmSync(server.dataDir, { recursive: true, force: true });
    });

    const call = (path: string, init: RequestInit & { as?: string } = {}) =>
      fetch(`${server.url}${path}`, {
        ...init,
        redirect: "manual",
        headers: { origin: server.url, ...(init.as ? { cookie: cookies.get(init.as) as string } : {}) },
      });
    const form = (fields: Record<string, string>) => ({ method: "POST", body: new URLSearchParams(fields) });
    const roomSocket = (name: string) =>
      openSocket(server.url, "/chat/rooms/general/ws?after=0", {
        cookie: cookies.get(name) as string,
        origin: server.url,
      });

    it("sends a visitor it does not know to the host's sign-in, and back once signed in", async () => {
      const visitor = await call("/chat/rooms/general");
      expect(visitor.status).toBe(303);
      const signIn = visitor.headers.get("location") as string;
      expect(signIn).toBe("/sign-in?next=%2Fchat%2Frooms%2Fgeneral");
      // A cookie the host did not sign is no one.
      const forged = await fetch(`${server.url}/chat/rooms/general`, {
        redirect: "manual",
        headers: { cookie: "person=Ada" },
      });
      expect(forged.headers.get("location")).toBe(signIn);

      expect(await (await call(signIn)).text()).toContain('value="/chat/rooms/general"');
      for (const name of ["Ada", "Bob"]) {
        const signedIn = await call("/sign-in", form({ name, next: "/chat" }));
        expect(signedIn.status).toBe(303);
        expect(signedIn.headers.get("location")).toBe("/chat");
        cookies.set(name, (signedIn.headers.getSetCookie()[0] as string).split(";")[0] as string);
      }
      expect((await call("/chat", { as: "Ada" })).status).toBe(200);
      // A browser drops the tab, and would go to another site.
      const elsewhere = await call("/sign-in", form({ name: "Eve", next: "/\t/evil.example" }));
      expect(elsewhere.headers.get("location")).toBe("/");
    });

    it("lets the host's people chat live over real sockets, and tells afterMessage", async () => {
      const created = await call("/chat/rooms", { ...form({ name: "General", topic: "" }), as: "Ada" });
      expect(created.status).toBe(303);
      expect((await call("/chat/rooms/general/join", { ...form({}), as: "Bob" })).status).toBe(303);

      const ada = roomSocket("Ada");
      const bob = roomSocket("Bob");
      await Promise.all([ada.opened, bob.opened]);
      ada.send({ body: `hello from ${example.name}`, key: "k-1" });
      expect(await bob.frame((frame) => frame.includes(`hello from ${example.name}`))).toContain("Ada");
      await ada.frame((frame) => frame.includes(`hello from ${example.name}`));
      await expect.poll(() => server.lines()).toContain(`#general Ada: hello from ${example.name}`);
      ada.close();
      bob.close();
    });

    it("posts from the host's own server code, live to both people", async () => {
      const ada = roomSocket("Ada");
      const bob = roomSocket("Bob");
      await Promise.all([ada.opened, bob.opened]);
      expect((await call("/deploys", { method: "POST", as: "Bob" })).status).toBe(303);
      for (const page of [ada, bob])
        expect(await page.frame((frame) => frame.includes("Deploy finished"))).toContain("Deploy bot");
      ada.close();
      bob.close();
    });

    it("shows the sender beforeMessage's refusal and stores nothing", async () => {
      const ada = roomSocket("Ada");
      const bob = roomSocket("Bob");
      await Promise.all([ada.opened, bob.opened]);
      ada.send({ body: "my password is hunter2", key: "k-2" });
      await ada.frame((frame) => frame.includes("Passwords stay out of chat."));
      ada.send({ body: "never mind", key: "k-3" });
      await bob.frame((frame) => frame.includes("never mind"));
      expect(bob.frames.join("")).not.toContain("hunter2");
      const stored = await (await call("/chat/api/rooms/general/messages", { as: "Ada" })).json();
      expect(stored.messages.map((m: { body: string }) => m.body)).toEqual([
        `hello from ${example.name}`,
        "Deploy finished",
        "never mind",
      ]);
      ada.close();
      bob.close();
    });

    it("serves its scripts and styles from the installed package", async () => {
      for (const { name, source } of staticManifest) {
        const response = await call(`/chat/static/${name}`);
        expect(response.status, name).toBe(200);
        // Whole: as long as the file the package was packed from.
        const packedFrom = source.startsWith("static/")
          ? join(root, source)
          : createRequire(join(root, "package.json")).resolve(source);
        expect((await response.text()).length, name).toBe(readFileSync(packedFrom, "utf8").length);
      }
    });

    it("logs no error or warning (on Bun, its checkpoint thread starts from the compiled package)", () => {
      expect(server.lines().filter((line) => /error|fail|warn/i.test(line))).toEqual([]);
    });

    // The host's own header and stylesheet (examples/bun has a layout) are the host's to point anywhere.
    it("keeps every link, form, script and socket of the room page under /chat", async () => {
      const page = await call("/chat/rooms/general", { as: "Ada" });
      expect(page.status).toBe(200);
      const { document } = parseHTML(await page.text());
      const parleys = [
        ...document.querySelectorAll(
          'head > *:not([href="/acme.css"]), .parley, .parley *, body > *:not(.acme), body > *:not(.acme) *',
        ),
      ];
      const urls = [...new Set(parleys)].flatMap((element) =>
        [...element.attributes]
          .filter(({ name }) =>
            /^(href|src|action|formaction|hx-(get|post|put|patch|delete)|hx-ws:connect)$/.test(name),
          )
          .map(({ name, value }) => `${name}=${value}`),
      );
      expect(urls.length).toBeGreaterThan(5);
      expect(urls.filter((url) => !/^[^=]+=(\/chat([/?#]|$)|#)/.test(url))).toEqual([]);
    });
  });
}
