import { Hono } from "hono";
import { z } from "zod";
import { SettingsPage } from "../../views/accounts/settings.tsx";
import type { AppEnv, Deps } from "../app-env.ts";
import type { ProfileChanges } from "../delivery/profile-changes.ts";
import type { SessionSockets } from "../delivery/session-sockets.ts";
import { imageRules } from "../files/image-rules.ts";
import { type Uploads, uploadStatus } from "../files/uploads.ts";
import { bodySizes, limitBody } from "../http/body-limits.ts";
import { requireUser } from "../http/identity.ts";
import type { VapidKeys } from "../push/vapid.ts";
import type { User } from "../store/records.ts";
import { createApiToken } from "./api-tokens.ts";
import { passwordRules } from "./credential-rules.ts";
import { firstIssue, newPasswordSchema } from "./credentials.ts";
import { setFlash, takeFlash } from "./flash.ts";
import { hasHiddenCharacters } from "./hidden-characters.ts";
import { profileSchema, typedProfile } from "./profile-input.ts";

const tokenNameSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Name the token.")
    .max(64, "Token names are at most 64 characters.")
    .refine((name) => !hasHiddenCharacters(name), "A token name cannot hold invisible or text-direction characters."),
});

const passwordChangeSchema = z
  .object({
    current_password: z.string().min(1, "Enter your current password.").max(passwordRules.max),
    new_password: newPasswordSchema,
    confirm_password: z.string(),
  })
  .refine((form) => form.new_password === form.confirm_password, "The new passwords do not match.");

type PageProps = {
  tokenError?: string;
  passwordError?: string;
  newToken?: string;
  tokensRevoked?: number;
  passwordChanged?: boolean;
  profileSaved?: boolean;
  profileError?: string;
  avatarError?: string;
  profileForm?: { displayName: string; bio: string };
};

/**
 * The settings page: the profile (display name, bio, avatar), personal API tokens (create,
 * list, revoke one or all) and the password. Every
 * successful post redirects to the page (a reload repeats nothing); what it has to say once
 * (a new token, a changed password) travels in a flash cookie.
 */
export function settingsRoutes(
  deps: Deps,
  sessionSockets: Pick<SessionSockets, "endUserExcept">,
  uploads: Uploads,
  profiles: Pick<ProfileChanges, "announce">,
  pushKeys: () => Promise<VapidKeys>,
) {
  const page = async (user: User, props: PageProps = {}) => (
    <SettingsPage
      user={user}
      tokens={await deps.store.apiTokens.listFor(user.id)}
      pushKey={(await pushKeys()).publicKey}
      {...props}
    />
  );

  return new Hono<AppEnv>()
    .use(requireUser)
    .get("/", async (c) => {
      // Never cached: the page can hold a new token, shown this once.
      c.header("Cache-Control", "no-store");
      return c.render(await page(c.var.user as User, { ...takeFlash(c) }));
    })
    .post(
      "/profile",
      // Past this the body is never read, so what was typed is gone; the page still says why, beside the avatar.
      limitBody(bodySizes.profile, async (c) =>
        c.render(
          await page(c.var.user as User, {
            avatarError: `${imageRules.tooLarge} Nothing was saved: enter your changes again.`,
          }),
          413,
        ),
      ),
      async (c) => {
        const user = c.var.user as User;
        const body = await c.req.parseBody();
        const refuse = async (
          error: { profileError: string } | { avatarError: string },
          status: 413 | 415 | 422 | 507,
        ) => c.render(await page(user, { ...error, profileForm: typedProfile(body) }), status);
        const parsed = profileSchema.safeParse(body);
        if (!parsed.success) return refuse({ profileError: firstIssue(parsed.error) }, 422);
        // An empty file input keeps the avatar; "remove" wins over a file chosen with it.
        let avatar: string | null | undefined;
        if (body.remove_avatar === "on") avatar = null;
        else if (typeof body.avatar === "object" && body.avatar.size > 0) {
          const upload = await uploads.saveImage(new Uint8Array(await body.avatar.arrayBuffer()));
          if (!upload.ok) return refuse({ avatarError: upload.error }, uploadStatus[upload.reason]);
          avatar = upload.file.hash;
        }
        const { display_name: displayName, bio } = parsed.data;
        await deps.store.users.setProfile(user.id, { displayName, bio, avatar });
        // Pages already open show the new name and picture from now on (messages, "Here now").
        const saved = await deps.store.users.findById(user.id);
        if (saved) profiles.announce(saved);
        setFlash(c, deps, { profileSaved: true });
        return c.redirect(c.var.paths.to("/settings"), 303);
      },
    )
    .post("/tokens", async (c) => {
      const user = c.var.user as User;
      const parsed = tokenNameSchema.safeParse(await c.req.parseBody());
      if (!parsed.success) return c.render(await page(user, { tokenError: firstIssue(parsed.error) }), 422);
      setFlash(c, deps, { newToken: await createApiToken(deps, user, parsed.data.name) });
      return c.redirect(c.var.paths.to("/settings"), 303);
    })
    .post("/tokens/revoke-all", async (c) => {
      // Tokens outlive log-outs and password changes (they run programs): this is how to end them all.
      setFlash(c, deps, { tokensRevoked: await deps.store.apiTokens.revokeAll((c.var.user as User).id) });
      return c.redirect(c.var.paths.to("/settings"), 303);
    })
    .post("/tokens/:id/delete", async (c) => {
      await deps.store.apiTokens.revoke((c.var.user as User).id, Number(c.req.param("id")));
      return c.redirect(c.var.paths.to("/settings"), 303);
    })
    .post("/password", async (c) => {
      const user = c.var.user as User;
      const session = c.var.session as string;
      const parsed = passwordChangeSchema.safeParse(await c.req.parseBody());
      if (!parsed.success) return c.render(await page(user, { passwordError: firstIssue(parsed.error) }), 422);
      const hash = await deps.store.users.passwordHashOf(user.id);
      if (!hash || !(await deps.passwords.verify(parsed.data.current_password, hash))) {
        return c.render(await page(user, { passwordError: "That is not your current password." }), 422);
      }
      await deps.store.users.setPasswordHash(user.id, await deps.passwords.hash(parsed.data.new_password));
      // Whoever knew the old password is signed out everywhere, at once; this browser stays.
      await deps.store.sessions.deleteOthers(user.id, session);
      await sessionSockets.endUserExcept(user.id, session);
      setFlash(c, deps, { passwordChanged: true });
      return c.redirect(c.var.paths.to("/settings"), 303);
    });
}
