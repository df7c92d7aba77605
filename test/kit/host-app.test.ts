import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ServerType, serve } from "@hono/node-server";
import { Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { html } from "hono/html";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PostedMessage } from "../../src/kit/options.ts";
import { createParley } from "../../src/runtime/node-kit.ts";
import { openSocket } from "../support/client.ts";

/**
 * A host app with its own people (a cookie naming who signed in on its own /login) mounts
 * Parley under /chat on Node, as a user of the kit would: real server, real sockets.
 */
describe("Parley mounted in a host app with its own sign-in", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "parley-kit-"));
  const names = new Map([
    ["ada", "Ada Lovelace"],
    ["bob", "Bob"],
  ]);
  const heard: PostedMessage[] = [];
  let parley: Awaited<ReturnType<typeof createParley>>;
  let server: ServerType;
  let url = "";

  beforeAll(async () => {
    parley = await createParley({
      basePath: "/chat",
      dataDir,
      // Its request lines would fill the test's output; a host app picks its own level.
      logLevel: "warn",
      identify: (c) => {
        const id = getCookie(c, "host_user");
        const avatarUrl = id === "ada" ? "/avatars/ada.png" : undefined;
        return id && names.has(id) ? { id, name: names.get(id) as string, avatarUrl } : null;
      },
      signInUrl: "/sign-in",
      beforeMessage: ({ body }) => (body.includes("spoiler") ? "No spoilers in here, please." : undefined),
      afterMessage: (message) => void heard.push(message),
      layout: ({ title, head, children, person }) =>
        html`<html lang="en"><head>${head}</head><body><header class="host-header">The host · ${title} · ${person?.name ?? "visitor"}</header>${children}</body></html>`,
      stylesheets: ["/host/theme.css"],
    });
    const host = new Hono()
      .get("/", (c) => c.text("the host's own home"))
      .post("/login", async (c) => {
        const { user } = await c.req.parseBody();
        setCookie(c, "host_user", String(user), { path: "/" });
        return c.redirect("/chat", 303);
      })
      .route("/chat", parley.app);
    server = await new Promise<ServerType>((resolve) => {
      const started: ServerType = serve({ fetch: host.fetch, port: 0 }, () => resolve(started));
    });
    parley.injectWebSocket(server);
    const address = server.address();
    url = `http://localhost:${typeof address === "object" && address ? address.port : 0}`;
  });

  afterAll(async () => {
    await parley?.close();
    await new Promise((resolve) => server?.close(resolve));
    rmSync(dataDir, { recursive: true, force: true });
  });

  const as =
    (id: string) =>
    (path: string, init: RequestInit = {}) =>
      fetch(`${url}${path}`, {
        ...init,
        redirect: "manual",
        headers: { origin: url, cookie: `host_user=${id}`, ...(init.headers as Record<string, string>) },
      });
  const form = (fields: Record<string, string>) => ({ method: "POST", body: new URLSearchParams(fields) });
  const socketOf = (id: string) =>
    openSocket(url, "/chat/rooms/general/ws?after=0", { cookie: `host_user=${id}`, origin: url });

  it("lets the host's people create and join rooms, and chat live", async () => {
    const created = await as("ada")("/chat/rooms", form({ name: "General", topic: "" }));
    expect(created.status).toBe(303);
    expect(created.headers.get("location")).toBe("/chat/rooms/general");
    expect((await as("bob")("/chat/rooms/general/join", form({}))).status).toBe(303);

    const ada = socketOf("ada");
    const bob = socketOf("bob");
    await Promise.all([ada.opened, bob.opened]);
    ada.send({ body: "hello from the host app", key: "k-1" });
    const seen = await bob.frame((frame) => frame.includes("hello from the host app"));
    expect(seen).toContain("Ada Lovelace");
    expect(await ada.frame((frame) => frame.includes("hello from the host app"))).toContain('src="/avatars/ada.png"');
    ada.close();
    bob.close();
  });

  it("tells afterMessage of each stored message, with the host's id for its author", async () => {
    await expect.poll(() => heard.map((m) => m.body)).toContain("hello from the host app");
    const message = heard.find((m) => m.body === "hello from the host app");
    expect(message).toMatchObject({ room: { slug: "general" }, author: { id: "ada", name: "Ada Lovelace" } });
  });

  it("shows the sender a beforeMessage refusal with its reason, and stores nothing", async () => {
    const ada = socketOf("ada");
    const bob = socketOf("bob");
    await Promise.all([ada.opened, bob.opened]);
    ada.send({ body: "huge spoiler: it was the butler", key: "k-2" });
    expect(await ada.frame((frame) => frame.includes("No spoilers in here"))).toBeTruthy();
    ada.send({ body: "and now something else", key: "k-3" });
    await bob.frame((frame) => frame.includes("and now something else"));
    expect(bob.frames.join("")).not.toContain("butler");
    const stored = await (await as("ada")("/chat/api/rooms/general/messages")).json();
    expect(stored.messages.map((m: { body: string }) => m.body)).not.toContain("huge spoiler: it was the butler");
    expect(heard.map((m) => m.body)).not.toContain("huge spoiler: it was the butler");
    ada.close();
    bob.close();
  });

  it("posts from server code, live to every page in the room", async () => {
    const ada = socketOf("ada");
    const bob = socketOf("bob");
    await Promise.all([ada.opened, bob.opened]);
    const posted = await parley.post("general", { id: "ci", name: "CI" }, "Deploy finished");
    expect(posted).toMatchObject({ body: "Deploy finished", author: { id: "ci", name: "CI" } });
    for (const page of [ada, bob])
      expect(await page.frame((frame) => frame.includes("Deploy finished"))).toContain("CI");
    await expect(parley.post("nowhere", { id: "ci", name: "CI" }, "hi")).rejects.toThrow(/No room "nowhere"/);
    ada.close();
    bob.close();
  });

  it("keeps a person's name as the host says it", async () => {
    names.set("bob", "Robert");
    const bob = socketOf("bob");
    await bob.opened;
    bob.send({ body: "call me Robert now", key: "k-4" });
    expect(await bob.frame((frame) => frame.includes("call me Robert now"))).toContain("Robert");
    bob.close();
  });

  it("sends a visitor the host does not know to its sign-in page, and refuses their socket", async () => {
    const page = await fetch(`${url}/chat/rooms/general`, { redirect: "manual" });
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe("/sign-in?next=%2Fchat%2Frooms%2Fgeneral");
    const stranger = openSocket(url, "/chat/rooms/general/ws", { origin: url });
    expect((await stranger.closed).code).toBe(4401);
  });

  it("has no sign-up or log-in of its own: the host's people are the only people", async () => {
    expect((await fetch(`${url}/chat/signup`)).status).toBe(404);
    expect((await fetch(`${url}/chat/login`)).status).toBe(404);
  });

  it("wraps its pages in the host's layout, with the host's stylesheet after its own, and no accounts of its own", async () => {
    const page = await (await as("ada")("/chat/rooms/general")).text();
    expect(page).toMatch(/^<!DOCTYPE html><html lang="en"><head>/);
    expect(page).toContain('<header class="host-header">The host · General · Ada Lovelace</header>');
    expect(page).toContain('<div class="parley app">');
    expect(page.indexOf('href="/host/theme.css"')).toBeGreaterThan(page.indexOf('href="/chat/static/app.css"'));
    expect(page).not.toContain('class="topbar"');
    expect(page).not.toMatch(/Log out|\/chat\/settings|\/chat\/login/);
    expect(page).toContain('data-login="/sign-in"');
    const home = await (await fetch(`${url}/chat`)).text();
    expect(home).toContain('<a href="/sign-in">Sign in</a>');
  });

  it("lets pages show the host's pictures from https addresses (CSP img-src)", async () => {
    const response = await as("ada")("/chat");
    expect(response.headers.get("content-security-policy")).toMatch(/img-src 'self' https:/);
  });

  it("closes: every socket hears 1001 (going away), and post refuses afterwards", async () => {
    const ada = socketOf("ada");
    await ada.opened;
    await parley.close();
    expect((await ada.closed).code).toBe(1001);
    await expect(parley.post("general", { id: "ci", name: "CI" }, "too late")).rejects.toThrow();
  });
});
