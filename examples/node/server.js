// A host app with its own people and pages, mounting Parley's rooms under /chat, on Node 20+.
// Run it: `npm pack` at the repository root, then here `npm install && node server.js`; open http://localhost:3000.
// PORT, DATA_DIR and SESSION_SECRET come from the environment.
import { serve } from "@hono/node-server";
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
});

/** A path on this site only: not `//host` or `/\host`, nor one a browser makes so by dropping a tab or newline. */
const onThisSite = (path) => typeof path === "string" && /^\/(?![/\\])[^\s\\]*$/.test(path);

const page = (person, main) => html`<!doctype html>
  <html lang="en">
    <title>Acme</title>
    <header>
      <a href="/">Acme</a> · <a href="/chat">Chat</a> · ${person ? `Signed in as ${person}` : html`<a href="/sign-in">Sign in</a>`}
    </header>
    <main>${main}</main>
  </html>`;

const app = new Hono()
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
    const { name, next } = await c.req.parseBody();
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

const server = serve({ port: Number(process.env.PORT ?? 3000), fetch: app.fetch }, (info) =>
  console.log(`Acme listening on http://localhost:${info.port}`),
);
// Node hands socket upgrades to a listener of their own, not to fetch.
parley.injectWebSocket(server);

process.on("SIGTERM", async () => {
  await parley.close();
  server.close(() => process.exit(0));
});
