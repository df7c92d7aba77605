import { z } from "zod";
import type { PushSubscriptionKeys } from "../store/store.ts";
import { subscriptionRules } from "./subscription-rules.ts";

const base64url = (bytes: number, first?: number) =>
  z
    .string()
    .max(200)
    .refine((text) => {
      if (!/^[A-Za-z0-9_-]+={0,2}$/.test(text)) return false;
      const decoded = Buffer.from(text, "base64url");
      return decoded.length === bytes && (first === undefined || decoded[0] === first);
    });

/**
 * Reads the subscription a settings page posts. Only https: endpoints unless `insecure` (the
 * tests' local push service): Parley sends to whatever endpoint is kept, so a plain-http or
 * odd address would have it post wherever a person pointed it.
 */
export function readSubscription(
  json: unknown,
  { insecure = false }: { insecure?: boolean } = {},
): PushSubscriptionKeys | null {
  const parsed = z
    .object({
      endpoint: z.url({ protocol: insecure ? /^https?$/ : /^https$/ }).max(subscriptionRules.maxEndpoint),
      keys: z.object({
        p256dh: base64url(subscriptionRules.publicKeyBytes, 0x04),
        auth: base64url(subscriptionRules.authBytes),
      }),
    })
    .safeParse(json);
  if (!parsed.success) return null;
  const { endpoint, keys } = parsed.data;
  return { endpoint, p256dh: keys.p256dh, auth: keys.auth };
}

/** The endpoint a settings page asks to forget. */
export function readEndpoint(json: unknown): string | null {
  const parsed = z.object({ endpoint: z.string().min(1).max(subscriptionRules.maxEndpoint) }).safeParse(json);
  return parsed.success ? parsed.data.endpoint : null;
}
