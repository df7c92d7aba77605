import { randomBytes } from "node:crypto";
import type { Store } from "../store/store.ts";

/** Who this deployment is on a Redis it may share with others. */
export interface BusIdentity {
  /** Prefix of every channel: `<namespace>:room:<id>`. */
  namespace: string;
  /** Signs every payload (src/bus/envelope.ts), so anything else on our channels is dropped. */
  key: Uint8Array;
}

/**
 * Made by the first instance to start and kept in the database, so that every instance sharing
 * the database is one deployment and every other deployment is another. `namespace` (the
 * BUS_NAMESPACE setting) replaces the generated one, e.g. for a copy of a database that must not
 * talk to the original, or to name channels in a Redis ACL; the key stays the database's own.
 */
export async function busIdentity(store: Pick<Store, "deployment">, namespace?: string): Promise<BusIdentity> {
  const id = await store.deployment.claim("id", randomBytes(8).toString("hex"));
  const key = await store.deployment.claim("bus_key", randomBytes(32).toString("base64url"));
  return { namespace: namespace ?? `parley-${id}`, key: Buffer.from(key, "base64url") };
}
