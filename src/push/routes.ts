import { Hono } from "hono";
import type { AppEnv, Deps } from "../app-env.ts";
import { requireUser } from "../http/identity.ts";
import type { User } from "../store/records.ts";
import { readEndpoint, readSubscription } from "./subscription-input.ts";
import { subscriptionRules } from "./subscription-rules.ts";

/**
 * The settings page's "Notifications on this device" (static/push-settings.js): `POST
 * /settings/push` keeps the browser's subscription (PushSubscription.toJSON()) for the person
 * signed in, `POST /settings/push/remove` (`{ "endpoint" }`) forgets it. JSON both ways; the
 * same-origin rule of every write holds (src/http/csrf.ts: a fetch from our page says so).
 */
export function pushRoutes(deps: Pick<Deps, "store" | "push">) {
  const readJson = (c: { req: { json(): Promise<unknown> } }) => c.req.json().catch(() => undefined);
  return new Hono<AppEnv>()
    .use(requireUser)
    .post("/push", async (c) => {
      const subscription = readSubscription(await readJson(c), { insecure: deps.push?.insecureEndpoints });
      if (!subscription) return c.json({ error: subscriptionRules.refused }, 422);
      await deps.store.pushSubscriptions.save((c.var.user as User).id, subscription);
      return c.body(null, 204);
    })
    .post("/push/remove", async (c) => {
      const endpoint = readEndpoint(await readJson(c));
      if (!endpoint) return c.json({ error: "Say which subscription to remove: its endpoint." }, 422);
      // Someone else's endpoint is answered as one never kept: nothing to learn by probing.
      await deps.store.pushSubscriptions.remove((c.var.user as User).id, endpoint);
      return c.body(null, 204);
    });
}
