import { type Context, Hono } from "hono";
import { LoginPage } from "../../views/accounts/login.tsx";
import { SignupPage } from "../../views/accounts/signup.tsx";
import type { AppEnv, Deps } from "../app-env.ts";
import type { SessionSockets } from "../delivery/session-sockets.ts";
import type { User } from "../store/records.ts";
import { firstIssue, loginSchema, signupSchema } from "./credentials.ts";
import { deactivatedMessage } from "./deactivation.ts";
import { safeNext } from "./safe-next.ts";
import { endSession, startSession } from "./sessions.ts";

/** The page to return to, carried by the forms only when it is one of ours and not home. */
const nextParam = (c: Context<AppEnv>) => {
  const next = safeNext(c.req.query("next"), c.var.paths);
  return next === c.var.paths.to("/") ? undefined : next;
};

/**
 * Sign up, log in, log out: form posts answered with a 303 on success, the form again on error.
 * `next` is checked before anything is written, so a bad one cannot fail a request half done.
 */
export function accountRoutes(deps: Deps, sessionSockets: Pick<SessionSockets, "endSession">) {
  const { store, passwords } = deps;
  // Verifying against a real hash when the user is unknown keeps response times from revealing
  // which usernames exist. Made at the first log-in, not at start (an instance, a test's server,
  // starts far more often than anyone logs in), and every log-in waits for it, so the first one
  // takes as long for a known name as for an unknown one.
  let decoy: Promise<string> | undefined;
  const decoyHash = () => {
    decoy ??= passwords.hash("decoy password for unknown users");
    return decoy;
  };

  // A new session replaces the browser's old one, whose open rooms end with it.
  const signIn = async (c: Context<AppEnv>, user: User) => {
    const previous = c.var.session;
    await startSession(c, deps, user);
    if (previous) await sessionSockets.endSession(previous);
  };

  return new Hono<AppEnv>()
    .get("/signup", (c) => c.render(<SignupPage next={nextParam(c)} />))
    .post("/signup", async (c) => {
      const form = await c.req.parseBody();
      const next = safeNext(form.next, c.var.paths);
      const username = typeof form.username === "string" ? form.username : "";
      const parsed = signupSchema.safeParse(form);
      if (!parsed.success) {
        return c.render(<SignupPage username={username} error={firstIssue(parsed.error)} next={next} />, 422);
      }
      const user = await store.users.create(parsed.data.username, await passwords.hash(parsed.data.password));
      if (!user) {
        return c.render(<SignupPage username={username} error="That username is taken." next={next} />, 409);
      }
      await signIn(c, user);
      return c.redirect(next, 303);
    })
    .get("/login", (c) => c.render(<LoginPage next={nextParam(c)} />))
    .post("/login", async (c) => {
      const form = await c.req.parseBody();
      const next = safeNext(form.next, c.var.paths);
      const username = typeof form.username === "string" ? form.username : "";
      const parsed = loginSchema.safeParse(form);
      if (!parsed.success) {
        return c.render(<LoginPage username={username} error={firstIssue(parsed.error)} next={next} />, 422);
      }
      // Guests and people an embedding site signed in have no password: only accounts log in.
      const named = await store.users.findByUsername(parsed.data.username);
      const found = named?.kind === "account" ? named : null;
      const decoyReady = await decoyHash();
      const valid = await passwords.verify(parsed.data.password, found?.passwordHash ?? decoyReady);
      if (!found || !valid) {
        return c.render(<LoginPage username={username} error="Wrong username or password." next={next} />, 401);
      }
      // Said only to someone who knows the password: it tells nobody else the account exists.
      if (found.deactivatedAt) {
        return c.render(<LoginPage username={username} error={deactivatedMessage} next={next} />, 403);
      }
      const { passwordHash: _, ...user } = found;
      await signIn(c, user);
      return c.redirect(next, 303);
    })
    .post("/logout", async (c) => {
      const ended = c.var.session;
      await endSession(c, deps);
      // The session's open rooms stop at once, on every instance, not at their next reconnect.
      if (ended) await sessionSockets.endSession(ended);
      return c.redirect(c.var.paths.to("/"), 303);
    });
}
