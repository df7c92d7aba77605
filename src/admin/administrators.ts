import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env.ts";
import type { User } from "../store/records.ts";
import type { UserQueries } from "../store/store.ts";

/**
 * Who administers this Parley: the first account ever made (whoever set the server up), and the
 * accounts `ADMIN_USERNAMES` names. Only accounts: a guest or an embedding site's person never is,
 * whatever name they draw. A deactivated administrator is not one until reactivated.
 */
export function administrators(users: Pick<UserQueries, "firstAccountId">, names: readonly string[]) {
  const named = new Set(names.map((name) => name.toLowerCase()));
  // Accounts are never deleted, so once there is a first account it stays the first: asked once.
  let first: number | null = null;
  return {
    async isAdmin(user: User | null): Promise<boolean> {
      if (!user || user.kind !== "account" || user.deactivatedAt) return false;
      if (named.has(user.username)) return true;
      first ??= await users.firstAccountId();
      return user.id === first;
    },
  };
}

export type Administrators = ReturnType<typeof administrators>;

/** Sets `administrator` for the pages' header (its Admin link); the routes ask `isAdmin` themselves. */
export const markAdministrators = (admins: Administrators) =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (await admins.isAdmin(c.var.user)) c.set("administrator", true);
    await next();
  });
