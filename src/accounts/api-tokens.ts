import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { Deps } from "../app-env.ts";
import type { User } from "../store/records.ts";
import { deactivatedMessage } from "./deactivation.ts";
import { digest, randomToken } from "./secrets.ts";

const prefix = "parley_";

/** Makes a personal API token; the caller shows it once, the store keeps only its digest. */
export async function createApiToken(deps: Deps, user: User, name: string): Promise<string> {
  const token = prefix + randomToken();
  await deps.store.apiTokens.create(user.id, name, await digest(token));
  return token;
}

/** The user behind `Authorization: Bearer <token>`, or null when absent or unknown; a 401 for a deactivated one. */
export async function bearerUser(c: Context, deps: Deps): Promise<User | null> {
  const header = c.req.header("authorization");
  const match = header && /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) return null;
  const user = await deps.store.apiTokens.use(await digest(match[1]), deps.now());
  // A deactivated person's tokens are kept (and revoked at reactivation) so a script hears why.
  if (user?.deactivatedAt) throw new HTTPException(401, { message: deactivatedMessage });
  return user;
}
