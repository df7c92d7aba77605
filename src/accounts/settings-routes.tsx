import { Hono } from "hono";
import { z } from "zod";
import { SettingsPage } from "../../views/accounts/settings.tsx";
import type { AppEnv, Deps } from "../app-env.ts";
import type { User } from "../store/records.ts";
import { createApiToken } from "./api-tokens.ts";
import { firstIssue } from "./credentials.ts";
import { requireUser } from "./sessions.ts";

const tokenNameSchema = z.object({
  name: z.string().trim().min(1, "Name the token.").max(64, "Token names are at most 64 characters."),
});

/** The settings page: personal API tokens (create, list, revoke). */
export function settingsRoutes(deps: Deps) {
  const page = async (user: User, extra: { newToken?: string; error?: string } = {}) => (
    <SettingsPage user={user} tokens={await deps.store.apiTokens.listFor(user.id)} {...extra} />
  );

  return new Hono<AppEnv>()
    .use(requireUser)
    .get("/", async (c) => c.html(await page(c.var.user as User)))
    .post("/tokens", async (c) => {
      const user = c.var.user as User;
      const parsed = tokenNameSchema.safeParse(await c.req.parseBody());
      if (!parsed.success) return c.html(await page(user, { error: firstIssue(parsed.error) }), 422);
      const newToken = await createApiToken(deps, user, parsed.data.name);
      // Shown in this response only: a redirect would have to carry the secret somewhere.
      return c.html(await page(user, { newToken }), 201);
    })
    .post("/tokens/:id/delete", async (c) => {
      await deps.store.apiTokens.revoke((c.var.user as User).id, Number(c.req.param("id")));
      return c.redirect("/settings", 303);
    });
}
