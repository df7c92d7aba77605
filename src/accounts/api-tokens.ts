import type { Context } from "hono";
import type { Deps } from "../app-env.ts";
import type { User } from "../store/records.ts";
import { digest, randomToken } from "./secrets.ts";

const prefix = "parley_";

/** Makes a personal API token; the caller shows it once, the store keeps only its digest. */
export async function createApiToken(deps: Deps, user: User, name: string): Promise<string> {
  const token = prefix + randomToken();
  await deps.store.apiTokens.create(user.id, name, await digest(token));
  return token;
}

/** The user behind `Authorization: Bearer <token>`, or null when absent or unknown. */
export async function bearerUser(c: Context, deps: Deps): Promise<User | null> {
  const header = c.req.header("authorization");
  const match = header && /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) return null;
  return deps.store.apiTokens.use(await digest(match[1]), deps.now());
}
