/**
 * The README's screenshots: a server with a few people, rooms and a day and a half of
 * conversation, photographed in Chromium at phone and desktop widths, light and dark.
 *
 *   npx tsx scripts/screenshots.ts [out folder, default docs/screenshots]
 */
import { mkdirSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import Database from "better-sqlite3";
import { launchChromium } from "../test/support/browser.ts";
import { openRoomSocket } from "../test/support/client.ts";
import { removeDataDir, root, startServer } from "../test/support/server.ts";
import { caller, signUp } from "./parley-http.ts";

const out = process.argv[2] ?? join(root, "docs", "screenshots");
mkdirSync(out, { recursive: true });

const server = await startServer();
const people = ["maya", "jonas", "priya", "sam"] as const;
const cookies = Object.fromEntries(
  await Promise.all(people.map(async (name) => [name, await signUp(server.url, name)] as const)),
) as Record<(typeof people)[number], string>;
const as = (name: keyof typeof cookies) => caller(server.url, cookies[name]);
const form = (fields: Record<string, string>) => ({ method: "POST", body: new URLSearchParams(fields) });

const rooms = [
  ["General", "Announcements and everything else"],
  ["Design reviews", "Screens, flows and naming: post a link, get eyes on it"],
  ["Release 2.0", "Ship list and blockers for the next release"],
  ["Random", ""],
] as const;
for (const [name, topic] of rooms) await as("maya")("/rooms", form({ name, topic }));
for (const name of people)
  for (const slug of ["general", "design-reviews", "release-2-0"])
    await as(name)(`/rooms/${slug}/join`, { method: "POST" });

const minutes = 60_000;
const now = Date.now();
const yesterday = now - 26 * 60 * minutes;
// [who, minutes after the start of its day's block, text]
const conversation: [keyof typeof cookies, number, number, string][] = [
  ["jonas", yesterday, 0, "Morning! Is the staging deploy still blocked?"],
  ["priya", yesterday, 3, "It was the migration lock: fixed in `deploy.sh`, rerunning now."],
  ["priya", yesterday, 4, "Should be green in ten minutes."],
  ["jonas", yesterday, 40, "Green, thanks!"],
  ["sam", now - 95 * minutes, 0, "Notes from the design review are up: https://example.com/notes/2026-12-03"],
  [
    "maya",
    now - 95 * minutes,
    6,
    "Thanks Sam. Two things we agreed on:\n\n- **one** sidebar for every screen\n- *no* modal for the room list",
  ],
  ["maya", now - 95 * minutes, 7, "I will turn them into issues this afternoon."],
  [
    "priya",
    now - 95 * minutes,
    30,
    "The retry helper we talked about:\n```\nconst wait = (ms) => new Promise((r) => setTimeout(r, ms));\nfor (let i = 0; i < 5; i++) await wait(250 * 2 ** i);\n```",
  ],
  ["jonas", now - 95 * minutes, 52, "Lunch at 12:30? The new place on Elm Street."],
  ["sam", now - 95 * minutes, 53, "In!"],
  ["maya", now - 95 * minutes, 55, "Count me in too"],
  [
    "priya",
    now - 95 * minutes,
    80,
    "Release checklist is pinned in #release-2-0, please tick off your items by Friday.",
  ],
];
const ids: [number, number][] = [];
for (const [who, base, offset, body] of conversation) {
  const response = await as(who)("/api/rooms/general/messages", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ body }),
  });
  const { message } = (await response.json()) as { message: { id: number } };
  ids.push([message.id, base + offset * minutes]);
}
await as("jonas")("/api/rooms/release-2-0/messages", {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ body: "Branch is cut." }),
});
// What maya has not read yet elsewhere: her sidebar counts it, mentions apart.
const post = (who: keyof typeof cookies, slug: string, body: string) =>
  as(who)(`/api/rooms/${slug}/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ body }),
  });
await post("sam", "design-reviews", "New onboarding flow is up for review");
await post("sam", "design-reviews", "@maya could you look at the empty states?");
await post("priya", "release-2-0", "Blocker: the migration needs a lock");
// A day and a half of talk, written in a minute: give each message the time it belongs to.
const db = new Database(join(server.dataDir, "parley.db"));
const backdate = db.prepare("UPDATE messages SET created_at = ? WHERE id = ?");
for (const [id, at] of ids) backdate.run(at, id);
db.close();

// Two more people are in the room while maya looks; jonas is typing.
const here = ["jonas", "priya"].map((name) =>
  openRoomSocket(server.url, "general", { cookie: cookies[name as keyof typeof cookies], origin: server.url }),
);
await Promise.all(here.map((socket) => socket.opened));
const jonas = here[0] as (typeof here)[number];

// Another site with General embedded (guests on): its page, as a visitor there sees it.
const site = createServer((_request, response) => {
  response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
  response.end(
    `<!doctype html><html><head><meta name="viewport" content="width=device-width"><title>Docs</title><style>:root{color-scheme:light dark;font-family:Georgia,serif}body{max-width:44rem;margin:2rem auto;padding:0 1rem}</style></head><body><h1>Acme docs: getting started</h1><p>Stuck? Ask the team and other readers below.</p><script src="${server.url}/embed.js" data-room="general" async></script></body></html>`,
  );
});
await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
const siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
await as("maya")("/rooms/general/settings", form({ allowed_origins: siteUrl, guests: "on" }));

const browser = await launchChromium();
try {
  for (const [width, height] of [
    [1280, 800],
    [375, 740],
  ] as const) {
    for (const scheme of ["light", "dark"] as const) {
      const context = await browser.newContext({ viewport: { width, height }, colorScheme: scheme });
      const [name, value] = cookies.maya.split("=") as [string, string];
      await context.addCookies([{ name, value, url: server.url }]);
      const page = await context.newPage();
      await page.goto(`${server.url}/rooms/general`);
      await page.locator(".connection[data-state='connected']").waitFor({ state: "attached" });
      await page.locator("textarea").fill("Sounds good, see you at 12:30");
      // The server passes on one signal per 2 s: say it again until the page shows it.
      while (!(await page.locator(".typist").isVisible())) {
        jonas.send({ typing: true });
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      await page.screenshot({ path: join(out, `room-${width}-${scheme}.png`) });
      if (width < 600) {
        await page.locator(".rooms-toggle").click();
        await page.locator(".sidebar:popover-open").waitFor();
        await page.screenshot({ path: join(out, `rooms-${width}-${scheme}.png`) });
      }
      await page.goto(server.url);
      await page.screenshot({ path: join(out, `home-${width}-${scheme}.png`), fullPage: width < 600 });
      await page.goto(`${server.url}/rooms/general/settings`);
      await page.screenshot({ path: join(out, `settings-${width}-${scheme}.png`), fullPage: true });
      const visitor = await browser.newContext({ viewport: { width, height }, colorScheme: scheme });
      const sitePage = await visitor.newPage();
      await sitePage.goto(siteUrl);
      const frame = sitePage.frameLocator("iframe[data-parley-room]");
      await frame.locator(".connection[data-state='connected']").waitFor({ state: "attached" });
      await frame.locator("#embed-nickname").fill("Lee");
      await sitePage.screenshot({ path: join(out, `embed-${width}-${scheme}.png`), fullPage: true });
      await visitor.close();
      await context.close();
      console.log(`room-${width}-${scheme}.png, home-${width}-${scheme}.png`);
    }
  }
} finally {
  for (const socket of here) socket.close();
  await browser.close();
  site.close();
  await server.stop();
  removeDataDir(server);
}
