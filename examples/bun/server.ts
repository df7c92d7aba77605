// A host app with its own people and pages, mounting Parley's rooms under /chat, on Bun.
// Run it: `npm pack` at the repository root, then here `bun install && bun server.ts`; open http://localhost:3000.
// PORT, DATA_DIR and SESSION_SECRET come from the environment.
import { Hono } from "hono";
import { getSignedCookie, setSignedCookie } from "hono/cookie";
import { html } from "hono/html";
import { createParley, ParleyError } from "parley";

const secret = process.env.SESSION_SECRET ?? "a long random secret of your own";

const parley = await createParley({
  basePath: "/chat",
  dataDir: process.env.DATA_DIR ?? "./data",
  // Parley has no accounts of its own here: whoever this app's signed cookie names is signed in.
  identify: async (c) => {
    const name = await getSignedCookie(c, secret, "person");
    return name ? { id: name.toLowerCase(), name } : null;
  },
  signInUrl: "/sign-in",
  beforeMessage: ({ body }) => (/password/i.test(body) ? "Passwords stay out of chat." : undefined),
  afterMessage: (message) => console.log(`#${message.room.slug} ${message.author.name}: ${message.body}`),
  // Parley's pages inside this app's own, under its header, in its colours.
  layout: ({ head, children, person }) => html`<html lang="en">
    <head>${head}</head>
    <body>
      ${header(person?.name)}${children}
    </body>
  </html>`,
  stylesheets: ["/acme.css"],
});

const header = (person: string | false | undefined) =>
  html`<header class="acme"><a href="/">Acme</a> · <a href="/chat">Chat</a> · ${person ? `Signed in as ${person}` : html`<a href="/sign-in">Sign in</a>`}</header>`;

/** The app's theme: its own header, and Parley's custom properties set to its colours (docs/kit.md). */
const acmeCss = `:root { --accent: light-dark(#0b6e4f, #6fe0b6); --radius: 4px; }
.acme { padding: 0.6rem 1.2rem; background: #0b6e4f; color: #fff; }
.acme a { color: inherit; }`;

/** A path on this site only: not `//host` or `/\host`, nor one a browser makes so by dropping a tab or newline. */
const onThisSite = (path: unknown): path is string => typeof path === "string" && /^\/(?![/\\])[^\s\\]*$/.test(path);

const page = (person: string | false | undefined, main: unknown) => html`<!doctype html>
  <html lang="en">
    <title>Acme</title>
    <link rel="stylesheet" href="/acme.css" />
    ${header(person)}
    <main>${main}</main>
  </html>`;

const app = new Hono()
  .get("/acme.css", (c) => c.body(acmeCss, 200, { "content-type": "text/css; charset=utf-8" }))
  .get("/", async (c) => {
    const person = await getSignedCookie(c, secret, "person");
    return c.html(
      page(
        person,
        html`<h1>Welcome to Acme</h1>
          <form method="post" action="/deploys"><button>Tell #general the deploy finished</button></form>`,
      ),
    );
  })
  .get("/sign-in", (c) =>
    c.html(
      page(
        undefined,
        html`<form method="post">
          <input type="hidden" name="next" value="${c.req.query("next") ?? "/"}" />
          <label>Your name <input name="name" required /></label> <button>Sign in</button>
        </form>`,
      ),
    ),
  )
  .post("/sign-in", async (c) => {
    const { name, next } = await c.req.parseBody<{ name: string; next: string }>();
    await setSignedCookie(c, "person", name.trim(), secret, { path: "/", httpOnly: true, sameSite: "Lax" });
    return c.redirect(onThisSite(next) ? next : "/", 303);
  })
  // Server code posts too: here a deploy announces itself, live on every open page of the room.
  .post("/deploys", async (c) => {
    if (!(await getSignedCookie(c, secret, "person"))) return c.redirect("/sign-in", 303);
    try {
      await parley.post("general", { id: "deploy-bot", name: "Deploy bot" }, "Deploy finished");
    } catch (error) {
      // Not there until someone creates it at /chat.
      if (error instanceof ParleyError && error.status === 404) return c.text(error.message, 404);
      throw error;
    }
    return c.redirect("/", 303);
  })
  .route("/chat", parley.app);

const server = Bun.serve({ port: Number(process.env.PORT ?? 3000), fetch: app.fetch, websocket: parley.websocket });
console.log(`Acme listening on http://localhost:${server.port}`);

process.on("SIGTERM", async () => {
  await parley.close();
  await server.stop();
  process.exit(0);
});
