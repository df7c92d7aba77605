import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { bearerUser } from "../accounts/api-tokens.ts";
import { deactivate, reactivate } from "../accounts/deactivation.ts";
import type { AppEnv, Deps } from "../app-env.ts";
import type { SessionSockets } from "../delivery/session-sockets.ts";
import type { User } from "../store/records.ts";
import type { Administrators } from "./administrators.ts";
import { adminPageSize, pageNumber, personToChange, requireAdmin } from "./routes.tsx";

const personJson = (person: User) => ({
  username: person.username,
  display_name: person.displayName,
  kind: person.kind,
  joined_at: person.createdAt.toISOString(),
  deactivated_at: person.deactivatedAt?.toISOString() ?? null,
});

/** `/api/admin/…`: the administration as JSON, for a session or an administrator's API token. */
export function adminApiRoutes(deps: Deps, admins: Administrators, sockets: Pick<SessionSockets, "endUser">) {
  // As the rest of the API: a bearer token wins over the session cookie.
  const caller = createMiddleware<AppEnv>(async (c, next) => {
    const bearer = await bearerUser(c, deps);
    if (bearer) c.set("user", bearer);
    await next();
  });
  return new Hono<AppEnv>()
    .use(caller, requireAdmin(admins))
    .get("/people", async (c) => {
      const page = pageNumber(c.req.query("page"));
      const people = await deps.store.users.page({ limit: adminPageSize, offset: (page - 1) * adminPageSize });
      return c.json({ people: people.items.map(personJson), total: people.total, page, page_size: adminPageSize });
    })
    .post("/people/:username/deactivate", async (c) => {
      const person = await personToChange(c, deps);
      await deactivate(deps, sockets, person);
      return c.json({ person: personJson((await deps.store.users.findById(person.id)) ?? person) });
    })
    .post("/people/:username/reactivate", async (c) => {
      const person = await personToChange(c, deps);
      await reactivate(deps, person);
      return c.json({ person: personJson((await deps.store.users.findById(person.id)) ?? person) });
    });
}
