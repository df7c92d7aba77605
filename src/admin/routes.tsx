import { type Context, Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { HTTPException } from "hono/http-exception";
import { AdminPage } from "../../views/admin/page.tsx";
import { deactivate, reactivate } from "../accounts/deactivation.ts";
import type { AppEnv, Deps } from "../app-env.ts";
import type { SessionSockets } from "../delivery/session-sockets.ts";
import type { User } from "../store/records.ts";
import type { Administrators } from "./administrators.ts";

/** People and rooms per page of `/admin` and `/api/admin/people`. */
export const adminPageSize = 50;

/** A 1-based page number from the address; anything else is the first page. */
export const pageNumber = (value: string | undefined) => {
  const n = Number(value);
  return Number.isSafeInteger(n) && n >= 1 && n <= 1_000_000 ? n : 1;
};

/**
 * Administrators only; everyone else (signed out, an ordinary person, a deactivated one) gets the
 * same 404 as a made-up address, so the page cannot even be found.
 */
export const requireAdmin = (admins: Administrators) =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (!(await admins.isAdmin(c.var.user)))
      throw new HTTPException(404, { message: "There is nothing at this address." });
    await next();
  });

/** The person an administrator acts on; never themself (they would lock the door behind them). */
export async function personToChange(c: Context<AppEnv>, deps: Pick<Deps, "store">): Promise<User> {
  const found = await deps.store.users.findByUsername(c.req.param("username") ?? "");
  if (!found) throw new HTTPException(404, { message: "There is no such person." });
  const { passwordHash: _, ...person } = found;
  if (person.id === c.var.user?.id)
    throw new HTTPException(403, { message: "You cannot deactivate your own account." });
  return person;
}

/** `/admin`: the page, and deactivating or reactivating a person by a form post. */
export function adminRoutes(deps: Deps, admins: Administrators, sockets: Pick<SessionSockets, "endUser">) {
  const back = (c: Context<AppEnv>, said: "deactivated" | "reactivated", person: User) =>
    c.redirect(c.var.paths.to(`/admin?${said}=${encodeURIComponent(person.username)}`), 303);

  return new Hono<AppEnv>()
    .use("/admin", requireAdmin(admins))
    .use("/admin/*", requireAdmin(admins))
    .get("/admin", async (c) => {
      c.header("Cache-Control", "no-store");
      const pages = {
        people: pageNumber(c.req.query("people")),
        rooms: pageNumber(c.req.query("rooms")),
        size: adminPageSize,
      };
      const at = (page: number) => ({ limit: adminPageSize, offset: (page - 1) * adminPageSize });
      const [people, rooms] = await Promise.all([
        deps.store.users.page(at(pages.people)),
        deps.store.rooms.overview(at(pages.rooms)),
      ]);
      const deactivated = c.req.query("deactivated");
      const reactivated = c.req.query("reactivated");
      // Said from the address, so only as a plain sentence about a username that fits the rules.
      const named = (name: string | undefined) => (name && /^[a-z0-9_-]{1,64}$/i.test(name) ? name : undefined);
      const notice = named(deactivated)
        ? `${named(deactivated)} is deactivated: signed out everywhere, their messages kept.`
        : named(reactivated)
          ? `${named(reactivated)} can sign in again.`
          : undefined;
      return c.render(
        <AdminPage me={c.var.user as User} people={people} rooms={rooms} pages={pages} notice={notice} />,
      );
    })
    .post("/admin/people/:username/deactivate", async (c) => {
      const person = await personToChange(c, deps);
      await deactivate(deps, sockets, person);
      return back(c, "deactivated", person);
    })
    .post("/admin/people/:username/reactivate", async (c) => {
      const person = await personToChange(c, deps);
      await reactivate(deps, person);
      return back(c, "reactivated", person);
    });
}
