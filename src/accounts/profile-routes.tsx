import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { ProfilePage } from "../../views/users/profile.tsx";
import type { AppEnv, Deps } from "../app-env.ts";

/**
 * GET /u/:username: who someone is, as they chose to show it. Never the rooms they are in nor
 * their unread counts: memberships and counts are theirs alone (they have them on home), and a
 * profile is open to anyone, signed in or not.
 */
export function profileRoutes(deps: Deps) {
  return new Hono<AppEnv>().get("/u/:username", async (c) => {
    const person = await deps.store.users.findByUsername(c.req.param("username"));
    if (!person) throw new HTTPException(404, { message: "No one goes by that name here." });
    const { passwordHash: _, ...user } = person;
    return c.render(<ProfilePage viewer={c.var.user} person={user} />);
  });
}
