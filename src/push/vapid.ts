import webPush from "web-push";
import type { Config } from "../config.ts";
import type { Store } from "../store/store.ts";

/** The deployment's VAPID key pair (base64url), as browsers subscribe with and push services check. */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

/**
 * The deployment's VAPID keys: made once and kept in the database, so every instance signs with
 * the same pair and a browser subscribed through one instance hears from all. One value holds
 * both: two claims racing on a new database could pair one instance's public key with another's
 * private key.
 */
export function vapidKeys(store: Pick<Store, "deployment">): () => Promise<VapidKeys> {
  let keys: Promise<VapidKeys> | undefined;
  return () => {
    keys ??= store.deployment
      .claim("vapid", JSON.stringify(webPush.generateVAPIDKeys()))
      .then((value) => JSON.parse(value) as VapidKeys);
    // A failed read (the database away) is asked again next time, not remembered.
    keys.catch(() => {
      keys = undefined;
    });
    return keys;
  };
}

/**
 * Who runs this deployment, as push services are told (VAPID's `sub`): PUSH_SUBJECT, else
 * PUBLIC_ORIGIN when it is https:, else a mailto: at its host. Push services may use it to reach
 * whoever runs a deployment that misbehaves; some refuse a localhost one.
 */
export function vapidSubject(config: Pick<Config, "PUSH_SUBJECT" | "PUBLIC_ORIGIN">): string {
  if (config.PUSH_SUBJECT) return config.PUSH_SUBJECT;
  const origin = config.PUBLIC_ORIGIN ? new URL(config.PUBLIC_ORIGIN) : null;
  if (origin?.protocol === "https:") return origin.origin;
  return `mailto:parley@${origin?.hostname ?? "localhost"}`;
}
