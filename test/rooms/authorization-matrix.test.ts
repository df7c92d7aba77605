import { randomUUID } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { externalPerson } from "../../src/embed/embed-people.ts";
import { startEmbedSession } from "../../src/embed/embed-sessions.ts";
import { diskFolder } from "../../src/files/disk-folder.ts";
import { openPostgres } from "../../src/store/pg/open.ts";
import type { Store } from "../../src/store/store.ts";
import { images } from "../support/files.ts";
import { fragment } from "../support/html.ts";
import { postImageMessage } from "../support/image-message.ts";
import { createTestDatabase, postgresAnswers, postgresServerUrl } from "../support/postgres.ts";
import { requirement } from "../support/requirement.ts";
import { type Browser, browser, createTestApp, origin, signUp } from "../support/test-app.ts";
import {
  authorizationTable,
  type Kind,
  kinds,
  type Outcome,
  type Person,
  people,
  type Route,
  routes,
  tableMarkers,
} from "./authorization-cells.ts";

/** A slug, file name or invite code like the real one that names nothing (a file's hash stays hex). */
const madeUp = (name: string) => name.replace(/^./, (first) => (first === "0" ? "1" : "0"));

/**
 * The people and rooms of the matrix on one store: root (the first account, so the
 * administrator), alice the owner, mod a moderator, bob a member, carol in no room, dan banned,
 * erin the one acted upon; the direct room is alice's and bob's.
 */
async function world(store: Store) {
  const filesRoot = join(tmpdir(), `parley-matrix-files-${randomUUID()}`);
  const config = loadConfig({ RATE_LIMIT: "off", METRICS_TOKEN: "the-matrix-metrics-token" });
  const test = await createTestApp({ store, files: diskFolder(filesRoot), config });
  const { app, deps } = test;
  const names = ["root", "alice", "mod", "bob", "carol", "dan", "erin"] as const;
  const clients = {} as Record<(typeof names)[number], Browser>;
  for (const name of names) clients[name] = await signUp(browser(app), name);
  const { alice, bob } = clients;
  const user = async (name: string) => {
    const found = await deps.store.users.findByUsername(name);
    if (!found) throw new Error(`no ${name}`);
    return found;
  };
  const slugOf = (response: Response) => (response.headers.get("location") ?? "").replace("/rooms/", "");
  const slugs: Record<Kind, string> = {
    public: slugOf(await alice.postForm("/rooms", { name: "General", topic: "" })),
    private: slugOf(await alice.postForm("/rooms", { name: "Plans", topic: "", visibility: "private" })),
    direct: slugOf(await alice.postForm("/dm", { username: "bob" })),
  };
  // The public room is shared with a site, so its embed exists.
  await alice.postForm(`/rooms/${slugs.public}/settings`, {
    allowed_origins: "https://docs.example.com",
    guests: "on",
  });
  const files = {} as Record<Kind, string>;
  const pictures = { public: images.png, private: images.jpg, direct: images.webp };
  for (const kind of kinds) {
    const room = await deps.store.rooms.findBySlug(slugs[kind]);
    if (!room) throw new Error(`no ${kind} room`);
    if (kind !== "direct") {
      for (const name of ["mod", "bob", "dan"]) await deps.store.members.add(room.id, (await user(name)).id);
      await deps.store.members.setRole(room.id, (await user("mod")).id, "moderator");
      await deps.store.members.ban(room.id, (await user("dan")).id, null);
    }
    const { bytes, type } = pictures[kind];
    await postImageMessage(alice, slugs[kind], { body: "a picture" }, { bytes, name: `p.${type.split("/")[1]}`, type });
    const page = fragment(await (await alice.get(`/rooms/${slugs[kind]}`)).text());
    files[kind] = page.querySelector('img[src^="/files/"]')?.getAttribute("src") ?? "";
    if (!files[kind]) throw new Error(`no image in the ${kind} room`);
  }
  const tokenOf = async (client: Browser) => {
    await client.postForm("/settings/tokens", { name: "script" });
    return fragment(await (await client.get("/settings")).text()).querySelector("code.token")?.textContent ?? "";
  };
  const general = await deps.store.rooms.findBySlug(slugs.public);
  if (!general) throw new Error("no public room");
  const guest = await deps.store.users.createEmbedded({ username: "guest-lin", displayName: "Lin", kind: "guest" });
  if (!guest) throw new Error("no guest");
  const hosted = await externalPerson(deps.store.users, general, "site-42", "Sam");
  const sessions = {
    guest: await startEmbedSession(deps, guest, general),
    hosted: await startEmbedSession(deps, hosted, general),
  };
  const tokens = { member: await tokenOf(bob), outsider: await tokenOf(clients.carol) };
  const cookieOf = (client: Browser) => [...client.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  /** What each kind of person sends: cookies, a bearer token, or an embed session. */
  const credentials = (person: Person): { headers: Record<string, string>; session?: string } => {
    const as = (name: (typeof names)[number]) => ({ headers: { cookie: cookieOf(clients[name]) } });
    switch (person) {
      case "signed out":
        return { headers: {} };
      case "non-member":
        return as("carol");
      case "member":
        return as("bob");
      case "moderator":
        return as("mod");
      case "owner":
        return as("alice");
      case "administrator":
        return as("root");
      case "banned":
        return as("dan");
      case "embed guest":
        return { headers: { cookie: `parley_session=${sessions.guest}` }, session: sessions.guest };
      case "host-signed person":
        return { headers: { cookie: `parley_session=${sessions.hosted}` }, session: sessions.hosted };
      case "token of a member":
        return { headers: { authorization: `Bearer ${tokens.member}` } };
      case "token of a non-member":
        return { headers: { authorization: `Bearer ${tokens.outsider}` } };
    }
  };
  /**
   * Puts the room back as the matrix describes it before each cell: posting or opening the socket
   * of a public room joins it, so carol (the non-member) and root (the administrator) leave it
   * again, and erin, acted upon, is a plain member.
   */
  const reset = async (kind: Kind) => {
    const room = await deps.store.rooms.findBySlug(slugs[kind]);
    if (!room) return;
    for (const name of ["carol", "root", "erin"]) await deps.store.members.remove(room.id, (await user(name)).id);
    const erin = await user("erin");
    await deps.store.members.unban(room.id, erin.id);
    if (kind !== "direct") await deps.store.members.add(room.id, erin.id);
  };
  /** A new invite link's code, made by the owner; a direct room has none, so a code of nothing. */
  const freshInvite = async (kind: Kind) => {
    if (kind === "direct") return "Xq7Lm2Pz9Rt4Vb8Nc3Kd6Wf";
    const made = await alice.request(`/rooms/${slugs[kind]}/invites`, { method: "POST" });
    const link =
      fragment(await made.text())
        .querySelector("#new-invite")
        ?.getAttribute("value") ?? "";
    return link.replace(/^.*\/invites\//, "");
  };
  /**
   * A new message of someone else's for the cell to act on (M): erin's, or in the direct room
   * (alice's and bob's alone) bob's, so there it is the member's own.
   */
  const freshMessage = async (kind: Kind) => {
    const room = await deps.store.rooms.findBySlug(slugs[kind]);
    if (!room) throw new Error(`no ${kind} room`);
    const author = await user(kind === "direct" ? "bob" : "erin");
    return (await deps.store.messages.insert(room.id, author, "said by someone")).message.id;
  };
  return { ...test, filesRoot, slugs, files, credentials, reset, freshInvite, freshMessage };
}

type World = Awaited<ReturnType<typeof world>>;

/** One answer, with the room's slug (or file name) written as S, so a made-up one compares equal. */
async function answer(w: World, route: Route, person: Person, kind: Kind, name: string, message = 0) {
  const { headers, session } = w.credentials(person);
  const path = route.path
    .replace("M", String(message))
    .replace("S", name)
    .replace("F", name)
    .replace("I", name)
    .replace("{session}", session ?? "");
  if (route.socket) {
    const socket = await w.sockets.open(w.app, path, { ...headers, origin });
    const closed = await Promise.race([socket.whenClosed(), socket.frame(() => true).then(() => null)]);
    socket.close();
    return {
      status: closed ? String(closed.code) : "open",
      location: null,
      body: closed ? socket.frames.join("") : "",
    };
  }
  const client = browser(w.app);
  const init: RequestInit = { method: route.method, headers: { ...headers } };
  if (route.form) init.body = new URLSearchParams(route.form);
  if (route.json) {
    init.body = JSON.stringify(route.json);
    (init.headers as Record<string, string>)["content-type"] = "application/json";
  }
  const response = await client.request(path, init);
  const text = await response.text();
  const location = response.headers.get("location");
  return {
    status: String(response.status),
    location: location?.replaceAll(name, "S") ?? null,
    body: route.lists ? text : text.replaceAll(name, "S"),
    kind,
  };
}

/** The cell as the matrix names it: a status, a close code, "login", or "none" (as a made-up slug). */
/**
 * Whether answering the route may change the room (a write, a socket's join, an invite opened):
 * the next cell of that kind of room then starts from the room put back. Reads leave it as it is,
 * and skipping their resets halves the matrix's time on PostgreSQL.
 */
const mayChange = (route: Route) =>
  route.method !== "GET" || route.socket === true || route.path.startsWith("/invites/");

/** Kinds of room a cell may have changed since they were last put back; all of them at first. */
const unsettled = new WeakMap<World, Set<Kind>>();
async function settle(w: World, kind: Kind) {
  const dirty = unsettled.get(w) ?? new Set(kinds);
  unsettled.set(w, dirty);
  if (!dirty.has(kind)) return;
  await w.reset(kind);
  dirty.delete(kind);
}
const touched = (w: World, route: Route, kind: Kind) => {
  if (mayChange(route)) unsettled.get(w)?.add(kind);
};

async function observe(w: World, route: Route, person: Person, kind: Kind): Promise<Outcome> {
  await settle(w, kind);
  const name = route.path.includes("F")
    ? w.files[kind].replace("/files/", "")
    : route.path.includes("I")
      ? await w.freshInvite(kind)
      : w.slugs[kind];
  const message = route.path.includes("M") ? await w.freshMessage(kind) : 0;
  const real = await answer(w, route, person, kind, name, message);
  touched(w, route, kind);
  if (route.lists) return real.body.includes(`/rooms/${w.slugs[kind]}`) ? "listed" : "unlisted";
  const login = real.status === "303" && /^\/login\?next=/.test(real.location ?? "");
  const named = /[SFI]/.test(route.path);
  if (named && (login || ["404", "401", "4404"].includes(real.status))) {
    await settle(w, kind);
    const fake = await answer(w, route, person, kind, madeUp(name), message);
    touched(w, route, kind);
    const same = real.status === fake.status && real.location === fake.location && real.body === fake.body;
    if (same) return login ? "login" : "none";
  }
  if (login) return "login";
  return real.status as Outcome;
}

const needsPostgres = requirement(await postgresAnswers(), `PostgreSQL at ${postgresServerUrl}`);

const databases: [string, () => Promise<{ store: Store; drop: () => Promise<void> }>, boolean][] = [
  [
    "SQLite",
    async () => {
      const { openSqlite } = await import("../../src/store/drivers/node.ts");
      return { store: await openSqlite(":memory:"), drop: async () => {} };
    },
    false,
  ],
  [
    "PostgreSQL",
    async () => {
      const database = await createTestDatabase();
      const store = await openPostgres(database.url, { maxConnections: 4 });
      return {
        store,
        drop: async () => {
          await store.close();
          await database.drop();
        },
      };
    },
    needsPostgres.skip,
  ],
];

for (const [name, open, skip] of databases) {
  describe.skipIf(skip)(`who may do what, on ${name}`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterAll(async () => {
      for (const cleanup of cleanups) await cleanup();
    });
    it("answers every route, for every kind of person and room, as the matrix says", async () => {
      const { store, drop } = await open();
      const w = await world(store);
      cleanups.push(drop, async () => rmSync(w.filesRoot, { recursive: true, force: true }));
      const seen: Record<string, Record<Kind, Record<Person, Outcome>>> = {};
      for (const route of routes) {
        const byKind = {} as Record<Kind, Record<Person, Outcome>>;
        const row = async (kind: Kind) => {
          const cells = {} as Record<Person, Outcome>;
          for (const person of people) cells[person] = await observe(w, route, person, kind);
          byKind[kind] = cells;
        };
        // The three rooms at once: each kind has its own room, put back on its own, so their
        // cells never meet; the people in each go one after another.
        await Promise.all(kinds.map(row));
        seen[route.label] = byKind;
      }
      // One comparison of the whole matrix: a failure shows every cell that differs at once.
      const expected = Object.fromEntries(routes.map((route) => [route.label, route.expect]));
      expect(seen).toEqual(expected);
      // About 26 s alone on PostgreSQL; several times that beside the other suites on two cores.
    }, 180_000);
  });
}

/** The table's lines with each cell trimmed: the formatter pads Markdown tables, nothing else changes. */
const cellsOf = (markdown: string) =>
  markdown
    .trim()
    .split("\n")
    .map((line) => line.split("|").map((cell) => cell.trim().replace(/^-+$/, "-")));

describe("docs/security.md's table of who may do what", () => {
  it("is the matrix the tests assert", () => {
    const doc = readFileSync(new URL("../../docs/security.md", import.meta.url), "utf8");
    const start = doc.indexOf(tableMarkers.start);
    const end = doc.indexOf(tableMarkers.end);
    expect(start, "the table's markers").toBeGreaterThanOrEqual(0);
    // When this fails, run: npx tsx scripts/authorization-table.ts --write
    expect(cellsOf(doc.slice(start + tableMarkers.start.length, end))).toEqual(cellsOf(authorizationTable()));
  });
});

describe("the matrix's own rule", () => {
  it("gives everyone outside a private or direct room what a made-up slug gets, on every route that names it", () => {
    const outside: Record<"private" | "direct", Person[]> = {
      private: people.filter((p) => !["member", "moderator", "owner", "token of a member"].includes(p)),
      // Its two people are the owner and the member; the moderator is someone else's.
      direct: people.filter((p) => !["member", "owner", "token of a member"].includes(p)),
    };
    for (const kind of ["private", "direct"] as const)
      for (const route of routes.filter((r) => /[SF]/.test(r.path) || r.lists))
        for (const person of outside[kind])
          expect(["none", "login", "4401", "unlisted"], `${route.label} · ${kind} room · ${person}`).toContain(
            route.expect[kind][person],
          );
  });
});
